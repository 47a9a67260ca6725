import type { DataframeElement, Delta } from '@mini-st/protocol';
import { describe, expect, it } from 'vitest';
import { GridDataReceiver, GridDataSender, HELD } from './grid-data.js';
import { asTextDelta } from './text-delta.js';
import type { RunnerToSession } from './messages.js';

const frame = (digest: string, n = 3): DataframeElement => ({
  type: 'dataframe',
  data: { rowCount: n, columns: [{ name: 'x', kind: 'number', values: Array.from({ length: n }, (_, i) => i) }] },
  columns: [{ label: 'x', type: 'auto' }],
  useContainerWidth: false,
  hideIndex: false,
  digest,
});
const delta = (path: number[], element: Delta['element']): RunnerToSession => ({ type: 'delta', runId: 1, delta: { path, element: element! } });
/** What crosses the thread boundary: a structured clone, as postMessage makes, of what worker-main posts. */
const cross = (sender: GridDataSender, receiver: GridDataReceiver, event: RunnerToSession) => {
  const sent = structuredClone(asTextDelta(sender.strip('s', event)));
  return { sent, received: receiver.restore('s', sent) };
};

describe('grid data across the worker boundary', () => {
  it('copies unchanged grid data once, and the main thread puts it back', () => {
    const sender = new GridDataSender();
    const receiver = new GridDataReceiver();
    const first = cross(sender, receiver, delta([0, 0], frame('d1')));
    const again = cross(sender, receiver, delta([0, 0], frame('d1')));
    expect((first.sent as { delta: Delta }).delta.element).toEqual(frame('d1'));
    expect(((again.sent as { delta: Delta }).delta.element as DataframeElement).data.rowCount).toBe(-1);
    expect((again.received as { delta: Delta }).delta.element).toEqual(frame('d1'));
  });

  it('sends the data again after new data, another element at the path, or a closed session', () => {
    const sender = new GridDataSender();
    const receiver = new GridDataReceiver();
    const rows = (event: RunnerToSession) => ((event as { delta: Delta }).delta.element as DataframeElement).data.rowCount;
    cross(sender, receiver, delta([0, 0], frame('d1')));
    expect(rows(cross(sender, receiver, delta([0, 0], frame('d2', 5))).sent)).toBe(5);
    // Another element replaces the grid: it crosses as text, and both ends forget the data.
    expect(cross(sender, receiver, delta([0, 0], { type: 'text', body: 'x' })).sent.type).toBe('delta_text');
    expect(rows(receiver.restore('s', delta([0, 0], { ...frame('d2'), data: HELD })))).toBe(0);
    expect(rows(cross(sender, receiver, delta([0, 0], frame('d2', 5))).sent)).toBe(5);
    sender.forget('s');
    receiver.forget('s');
    const after = cross(sender, receiver, delta([0, 0], frame('d2', 5)));
    expect(rows(after.sent)).toBe(5);
    expect(rows(after.received)).toBe(5);
    // Another path is another grid.
    expect(rows(cross(sender, receiver, delta([0, 1], frame('d2', 5))).sent)).toBe(5);
  });
});
