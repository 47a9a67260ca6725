/**
 * st.date_input: the browser's own date field (keyboard, screen reader and picker for free), two
 * of them for a range ("<label> (start)" and "(end)"). A complete day commits at once; while a
 * year is still being typed (below 1000) the day is only a draft, committed on Enter or blur.
 * Days travel as "YYYY-MM-DD", a range as "start/end".
 */
import type { DateInputElement, WidgetValue } from '@mini-st/protocol';
import { usePage, useWidgetValue } from '../page-context.js';
import { useWidgetIds, WidgetLabel } from './widget-label.js';

/** The days of a wire value: one for a single input, start and end for a range. */
export function daysOf(value: WidgetValue | undefined, range: boolean): [string, string] {
  const text = typeof value === 'string' ? value : '';
  if (!range) return [text, ''];
  const [start = '', end = ''] = text.split('/');
  return [start, end];
}

/** A typed day is settled once its year has four digits. */
const settled = (day: string) => day === '' || Number(day.slice(0, 4)) >= 1000;

/** Draws a `date_input` element. */
export function DateInput({ el }: { el: DateInputElement }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const [start, end] = daysOf(useWidgetValue(el.id), el.range);
  const wire = (a: string, b: string): WidgetValue => (el.range ? (a === '' ? '' : `${a}/${b}`) : a === '' ? null : a);
  const change = (a: string, b: string) => {
    const value = wire(a, b);
    if (settled(a) && settled(b)) store.commit(el, value);
    else store.setDraft(el.id, value);
  };
  const field = (day: string, onDay: (day: string) => void, name: string | undefined, id: string | undefined, min = el.min) => (
    <input
      id={id}
      type="date"
      className="st-input st-date"
      value={day}
      min={min}
      max={el.max}
      disabled={el.disabled}
      {...ids.a11y}
      {...(name !== undefined ? { 'aria-label': name } : {})}
      onChange={(e) => onDay(e.target.value)}
      onKeyDown={(e) => e.key === 'Enter' && store.commitDraft(el)}
      onBlur={() => store.commitDraft(el)}
    />
  );
  return (
    <div className="st-widget st-date-input">
      <WidgetLabel el={el} ids={ids} htmlFor={el.range ? undefined : ids.input} />
      {el.range ? (
        <div className="st-date-range" role="group" aria-labelledby={el.labelVisibility === 'visible' ? ids.label : undefined} {...ids.a11y}>
          {field(start, (day) => change(day, end && day && end < day ? '' : end), `${el.label} (start)`, undefined)}
          <span aria-hidden="true">–</span>
          {field(end, (day) => change(start, day), `${el.label} (end)`, undefined, start || el.min)}
        </div>
      ) : (
        field(start, (day) => change(day, ''), undefined, ids.input)
      )}
    </div>
  );
}
