/**
 * A widget's label and the ids that tie it to its control. A visible label is a real `<label>`
 * (or, for groups and sliders, text the control points at); a hidden or collapsed one becomes
 * the control's `aria-label`, so the accessible name is always the label.
 */
import { useId } from 'react';
import type { WidgetElement } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { HelpIcon, HelpText } from './help.js';

/** DOM ids and ARIA attributes for one widget. */
export interface WidgetIds {
  input: string;
  label: string;
  help: string;
  /** Spread onto the control: its name when the label is not shown, and its description. */
  a11y: { 'aria-label'?: string; 'aria-describedby'?: string };
}

/** Stable ids for a widget's parts (React's `useId`, since widget ids are not valid DOM ids). */
export function useWidgetIds(el: WidgetElement): WidgetIds {
  const base = useId();
  const help = `${base}help`;
  const a11y: WidgetIds['a11y'] = {};
  if (el.labelVisibility !== 'visible') a11y['aria-label'] = el.label;
  if (el.help) a11y['aria-describedby'] = help;
  return { input: `${base}input`, label: `${base}label`, help, a11y };
}

/**
 * The label row above a control. `htmlFor` makes it a `<label>`; leave it out for controls that
 * a `<label>` cannot name (radio groups, sliders).
 */
export function WidgetLabel({ el, ids, htmlFor }: { el: WidgetElement; ids: WidgetIds; htmlFor?: string }) {
  const helpText = el.help ? <HelpText id={ids.help} text={el.help} /> : null;
  if (el.labelVisibility === 'collapsed') return helpText;
  const hidden = el.labelVisibility === 'hidden';
  return (
    <>
      <div className={cx('st-label-row', hidden && 'st-label-hidden')} aria-hidden={hidden || undefined}>
        {htmlFor ? (
          <label id={ids.label} htmlFor={htmlFor}>
            {el.label}
          </label>
        ) : (
          <span id={ids.label} className="st-label">
            {el.label}
          </span>
        )}
        {el.help && <HelpIcon text={el.help} />}
      </div>
      {helpText}
    </>
  );
}
