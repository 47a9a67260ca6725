/**
 * The JSON text of a `deltas` frame whose deltas may be text a worker already made
 * (runner/text-delta.ts): the frame is concatenated around those texts rather than parsed and
 * stringified again, and reads exactly as `JSON.stringify` of the same message with objects.
 */
import type { Delta } from '@mini-st/protocol';
import type { TextDelta } from '../runner/messages.js';

/** A `deltas` message as the outgoing queue fills it: each delta an object or a worker's text. */
export interface QueuedDeltas {
  type: 'deltas';
  runId: number;
  deltas: Array<Delta | TextDelta>;
  reached?: Record<string, number>;
}

/** Whether a queued `deltas` message holds any text delta (else `JSON.stringify` serves). */
export function hasText(message: QueuedDeltas): boolean {
  return message.deltas.some((delta) => 'text' in delta);
}

/**
 * @example deltasText({ type: "deltas", runId: 3, deltas: [{ path: [0], text: '{"type":"markdown","body":"hi"}' }] })
 * // '{"type":"deltas","runId":3,"deltas":[{"path":[0],"element":{"type":"markdown","body":"hi"}}]}'
 */
export function deltasText(message: QueuedDeltas): string {
  let text = `{"type":"deltas","runId":${JSON.stringify(message.runId)},"deltas":[`;
  const { deltas } = message;
  for (let i = 0; i < deltas.length; i++) {
    const delta = deltas[i]!;
    if (i > 0) text += ',';
    // A path is small integers: its JSON is its join. A Delta lists `path` first, then its node.
    if ('text' in delta) text += `{"path":[${delta.path.join(',')}],"${delta.blockType === undefined ? 'element' : 'block'}":${delta.text}}`;
    else text += JSON.stringify(delta);
  }
  text += ']';
  if (message.reached !== undefined) text += `,"reached":${JSON.stringify(message.reached)}`;
  return `${text}}`;
}
