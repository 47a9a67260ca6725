/**
 * The `help` of an element: a "?" mark showing the text on hover, and the same text, visually
 * hidden, for `aria-describedby`, so a screen reader reads it after the widget's name.
 */
import type { ReactNode } from 'react';

/** The hover mark. Hidden from assistive tech, which gets `HelpText` instead. */
export function HelpIcon({ text }: { text: string }) {
  return (
    <span className="st-help" data-tip={text} aria-hidden="true">
      ?
    </span>
  );
}

/** The help text for screen readers; reference its `id` from `aria-describedby`. */
export function HelpText({ id, text }: { id: string; text: string }) {
  return (
    <span id={id} className="st-sr-only">
      {text}
    </span>
  );
}

/** Help for a non-widget element (markdown, text, heading): the mark alone is enough there. */
export function WithHelp({ help, children }: { help: string | undefined; children: ReactNode }) {
  if (!help) return children;
  return (
    <div className="st-with-help">
      <div className="st-with-help-body">{children}</div>
      <HelpIcon text={help} />
    </div>
  );
}
