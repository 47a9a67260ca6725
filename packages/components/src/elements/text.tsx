/**
 * st.text: the body verbatim, in a fixed-width font, wrapped but never interpreted.
 */
import type { TextElement } from '@mini-st/protocol';
import { WithHelp } from './help.js';

/** Draws a `text` element (st.text). */
export function Text({ el }: { el: TextElement }) {
  return (
    <WithHelp help={el.help}>
      <div className="st-text">{el.body}</div>
    </WithHelp>
  );
}
