/**
 * st.markdown and st.caption: block markdown rendered by `../markdown.ts`, which escapes raw
 * HTML unless the app allowed it and drops unsafe URLs.
 */
import { useMemo } from 'react';
import type { MarkdownElement } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { renderMarkdown } from '../markdown.js';
import { WithHelp } from './help.js';

/** Draws a `markdown` element (st.markdown, st.caption). */
export function Markdown({ el }: { el: MarkdownElement }) {
  const html = useMemo(() => renderMarkdown(el.body, el.allowHtml), [el.body, el.allowHtml]);
  return (
    <WithHelp help={el.help}>
      <div className={cx('st-markdown', el.variant === 'caption' && 'st-caption')} dangerouslySetInnerHTML={{ __html: html }} />
    </WithHelp>
  );
}
