/**
 * st.code: a code block with its language as a label, optional line numbers (CSS counters, so
 * copying the text does not copy them) and a copy button. No syntax highlighting: a highlighter
 * would outweigh the rest of the page.
 */
import { useState } from 'react';
import type { CodeElement } from '@mini-st/protocol';
import { cx } from '../cx.js';

/** Draws a `code` element (st.code). */
export function Code({ el }: { el: CodeElement }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(el.body).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  const lines = el.body.split('\n');
  return (
    <div className="st-code">
      <div className="st-code-bar">
        {el.language && <span className="st-code-lang">{el.language}</span>}
        <button type="button" className="st-code-copy" onClick={copy} aria-label="Copy code">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre className={cx(el.lineNumbers && 'st-line-numbers')} tabIndex={0}>
        <code className={el.language ? `language-${el.language}` : undefined}>
          {el.lineNumbers
            ? lines.map((line, i) => (
                <span key={i} className="st-code-line">
                  {line}
                  {i < lines.length - 1 ? '\n' : ''}
                </span>
              ))
            : el.body}
        </code>
      </pre>
    </div>
  );
}
