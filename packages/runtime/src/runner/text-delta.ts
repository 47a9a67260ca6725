/**
 * Serializes a worker's deltas once, in the worker. A structured clone of 30 element objects,
 * then a `JSON.stringify` of each on the main thread (once for the mirror's comparison, again for
 * the wire) cost the main thread, which serves every session, most of its per-rerun work; a string
 * crosses the thread as a copy of its bytes, and the main thread compares it and writes it into
 * the frame as it is (session/wire-text.ts).
 *
 * Kept as objects, because the main thread reads them: grid elements (their data may be HELD,
 * grid-data.ts, and the mirror compares them by digest, mirror-text.ts) and `st.file_uploader`
 * (the session's media reads its `accept`).
 */
import type { Delta } from '@mini-st/protocol';
import { signature } from '../session/mirror-text.js';
import type { RunnerToSession, TextDelta } from './messages.js';

/**
 * The event to post from a worker: an ordinary delta as `delta_text`, anything else as it is.
 * @example post({ type: "event", sessionId, message: asTextDelta(event) });
 */
export function asTextDelta(event: RunnerToSession): RunnerToSession {
  if (event.type !== 'delta' || !isPlain(event.delta)) return event;
  const { path, element, block } = event.delta;
  if (block) return { type: 'delta_text', runId: event.runId, delta: withSig({ path, text: JSON.stringify(block), blockType: block.type }) };
  const text = JSON.stringify(element);
  const widgetId = 'id' in element! && typeof element.id === 'string' ? element.id : undefined;
  return { type: 'delta_text', runId: event.runId, delta: widgetId === undefined ? withSig({ path, text }) : { path, text, widgetId } };
}

/** The mirror's hash of a long text, made here so the main thread only compares numbers. */
function withSig(delta: TextDelta): TextDelta {
  const sig = signature(delta.text, false);
  return typeof sig === 'number' ? { ...delta, sig } : delta;
}

/** Whether the main thread needs nothing from this delta but its text. */
function isPlain(delta: Delta): boolean {
  const element = delta.element;
  if (!element) return true;
  return element.type !== 'file_uploader' && !('digest' in element && typeof element.digest === 'string');
}
