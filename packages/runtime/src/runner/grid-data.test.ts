import type { DataframeElement, Delta } from '@mini-st/protocol';
import { describe, expect, it } from 'vitest';
import { GridDataReceiver, GridDataSender } from './grid-data.js';
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
/** What crosses the thread boundary: a structured clone, as postMessage makes. */
const cross = (sender: GridDataSender, receiver: GridDataReceiver, event: RunnerToSession) => {
  const sent = structuredClone(sender.strip('s', event));
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
    cross(sender, receiver, delta([0, 0], { type: 'text', body: 'x' }));
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
