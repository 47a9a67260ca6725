/**
 * st.slider: a custom ARIA slider (role="slider" thumbs, named by the label; a range has two,
 * "<label> (min)" and "<label> (max)"). Arrow keys, Page Up/Down, Home and End move a thumb;
 * the mouse or a finger drags it. Moving is a draft; releasing the key or the pointer commits it,
 * so a drag sends one rerun, not one per pixel.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { SliderElement, WidgetValue } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { formatNumber, snap } from '../number-format.js';
import { usePage, useWidgetValue } from '../page-context.js';
import { useWidgetIds, WidgetLabel } from './widget-label.js';

const MOVE_KEYS = new Set(['ArrowRight', 'ArrowUp', 'ArrowLeft', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

/** The thumb values, in the element's shape (one, or low and high). */
function thumbValues(value: WidgetValue | undefined, el: SliderElement): number[] {
  if (Array.isArray(el.value)) return Array.isArray(value) && value.length === 2 ? value : el.value;
  return [typeof value === 'number' ? value : (el.value as number)];
}

/**
 * Draws a `slider` element, one thumb or a range of two. `labels` shows thumb positions as these
 * texts instead of numbers (st.select_slider, whose positions are option indices).
 */
export function Slider({ el, labels }: { el: SliderElement; labels?: readonly string[] }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const values = thumbValues(useWidgetValue(el.id), el);
  const range = values.length === 2;
  const track = useRef<HTMLDivElement>(null);
  const thumbs = useRef<(HTMLDivElement | null)[]>([]);
  const dragging = useRef<number | null>(null);

  // Event handlers read the store, not the render's values, which may be a frame behind a drag.
  const current = () => thumbValues(store.valueOf(el.id), el);

  const move = (thumb: number, raw: number) => {
    const v = snap(raw, el);
    if (!range) return store.setDraft(el.id, v);
    const [lo, hi] = current() as [number, number];
    store.setDraft(el.id, thumb === 0 ? [Math.min(v, hi), hi] : [lo, Math.max(v, lo)]);
  };

  const valueAt = (clientX: number) => {
    const rect = track.current!.getBoundingClientRect();
    const ratio = rect.width > 0 ? (clientX - rect.left) / rect.width : 0;
    return el.min + Math.min(1, Math.max(0, ratio)) * (el.max - el.min);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (el.disabled || event.button !== 0) return;
    event.preventDefault();
    const v = valueAt(event.clientX);
    const grabbed = (event.target as HTMLElement).closest<HTMLElement>('[role="slider"]');
    const [lo, hi] = current() as [number, number];
    // A click on the rail moves the nearer thumb; a press on a thumb only grabs it.
    const thumb = grabbed ? Number(grabbed.dataset.thumb) : range && Math.abs(v - hi) < Math.abs(v - lo) ? 1 : range && v > hi ? 1 : 0;
    dragging.current = thumb;
    event.currentTarget.setPointerCapture(event.pointerId);
    thumbs.current[thumb]?.focus();
    if (!grabbed) move(thumb, v);
  };

  const onPointerMove = (event: PointerEvent) => {
    if (dragging.current !== null) move(dragging.current, valueAt(event.clientX));
  };

  const release = () => {
    if (dragging.current === null) return;
    dragging.current = null;
    store.commitDraft(el);
  };

  const onKeyDown = (event: KeyboardEvent, thumb: number) => {
    if (el.disabled || !MOVE_KEYS.has(event.key)) return;
    event.preventDefault();
    const v = current()[thumb]!;
    const big = Math.max(el.step, (el.max - el.min) / 10);
    const targets: Record<string, number> = {
      ArrowRight: v + el.step,
      ArrowUp: v + el.step,
      ArrowLeft: v - el.step,
      ArrowDown: v - el.step,
      PageUp: v + big,
      PageDown: v - big,
      Home: el.min,
      End: el.max,
    };
    move(thumb, targets[event.key]!);
  };

  const pct = (v: number) => (el.max === el.min ? 0 : ((v - el.min) / (el.max - el.min)) * 100);
  const show = (v: number) => (labels ? (labels[v] ?? '') : formatNumber(v, el));
  const lo = range ? values[0]! : el.min;
  const hi = range ? values[1]! : values[0]!;
  return (
    <div className="st-widget st-slider">
      <WidgetLabel el={el} ids={ids} />
      <div
        ref={track}
        className={cx('st-slider-track', el.disabled && 'st-disabled')}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={release}
        onPointerCancel={release}
      >
        <div className="st-slider-rail" />
        <div className="st-slider-fill" style={{ left: `${pct(lo)}%`, width: `${pct(hi) - pct(lo)}%` }} />
        {values.map((v, i) => (
          <div
            key={i}
            ref={(node) => {
              thumbs.current[i] = node;
            }}
            className="st-slider-thumb"
            role="slider"
            data-thumb={i}
            tabIndex={el.disabled ? -1 : 0}
            aria-label={range ? `${el.label} (${i === 0 ? 'min' : 'max'})` : el.label}
            aria-valuemin={range && i === 1 ? values[0] : el.min}
            aria-valuemax={range && i === 0 ? values[1] : el.max}
            aria-valuenow={v}
            aria-valuetext={show(v)}
            aria-orientation="horizontal"
            aria-disabled={el.disabled || undefined}
            aria-describedby={ids.a11y['aria-describedby']}
            style={{ left: `${pct(v)}%` }}
            onKeyDown={(e) => onKeyDown(e, i)}
            onKeyUp={(e) => MOVE_KEYS.has(e.key) && store.commitDraft(el)}
            onBlur={() => dragging.current === null && store.commitDraft(el)}
          >
            <span className="st-slider-value" aria-hidden="true">
              {show(v)}
            </span>
          </div>
        ))}
      </div>
      <div className="st-slider-bounds" aria-hidden="true">
        <span>{show(el.min)}</span>
        <span>{show(el.max)}</span>
      </div>
    </div>
  );
}
