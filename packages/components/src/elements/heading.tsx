/**
 * st.title / st.header / st.subheader: h1 / h2 / h3 with inline markdown, an anchor id for deep
 * links, and an optional colored divider. The hover link sits beside the heading, not inside it,
 * so the heading's accessible name is exactly its text.
 */
import { useMemo } from 'react';
import type { HeadingElement } from '@mini-st/protocol';
import { renderInline, slugify } from '../markdown.js';
import { HelpIcon } from './help.js';

const TAGS = { title: 'h1', header: 'h2', subheader: 'h3' } as const;

/** Streamlit's divider colors; anything else gets the accent color. */
const DIVIDERS: Record<string, string> = {
  blue: 'var(--st-blue)',
  green: 'var(--st-green)',
  orange: 'var(--st-orange)',
  red: 'var(--st-red)',
  violet: 'var(--st-violet)',
  gray: 'var(--st-gray)',
  grey: 'var(--st-gray)',
  rainbow: 'linear-gradient(to right, #ff4b4b, #ffa421, #ffe312, #21c354, #1c83e1, #803df5)',
};

/** Draws a `heading` element (st.title, st.header, st.subheader). */
export function Heading({ el }: { el: HeadingElement }) {
  const html = useMemo(() => renderInline(el.body), [el.body]);
  const id = el.anchor === false ? undefined : el.anchor || slugify(el.body) || undefined;
  const Tag = TAGS[el.level];
  return (
    <div className="st-heading">
      <div className="st-heading-row">
        <Tag id={id} className={`st-${el.level}`} dangerouslySetInnerHTML={{ __html: html }} />
        {id && (
          // A mouse convenience: the id already makes the heading linkable for everyone.
          <a className="st-anchor" href={`#${id}`} aria-hidden="true" tabIndex={-1}>
            #
          </a>
        )}
        {el.help && <HelpIcon text={el.help} />}
      </div>
      {el.divider && <hr className="st-heading-divider" style={{ background: DIVIDERS[el.divider] ?? 'var(--st-primary)' }} />}
    </div>
  );
}
