import type { DataEditorElement, DataframeElement, Delta, DeltasMessage, ServerMessage, TableData } from '@mini-st/protocol';
import { describe, expect, it } from 'vitest';
import { mirrorText } from './mirror-text.js';
import { OutgoingQueue } from './outgoing-queue.js';

const data = (n: number): TableData => ({ rowCount: n, columns: [{ name: 'x', kind: 'number', values: Array.from({ length: n }, (_, i) => i) }] });
const frame = (digest: string, n = 3): DataframeElement => ({
  type: 'dataframe',
  data: data(n),
  columns: [{ label: 'x', type: 'auto' }],
  useContainerWidth: false,
  hideIndex: false,
  digest,
});

function runOnce(q: OutgoingQueue, runId: number, deltas: Delta[]) {
  q.runStarted(runId);
  for (const delta of deltas) q.delta(runId, delta);
  q.runFinished(runId, 'ok', { '0': deltas.length });
}

const sentDeltas = (flush: ServerMessage[]) => flush.filter((m): m is DeltasMessage => m.type === 'deltas').flatMap((m) => m.deltas);

describe('the mirror of grid elements', () => {
  it('leaves the data out of the compared text, so the digest decides', () => {
    expect(mirrorText(frame('d1', 100))).toBe(mirrorText(frame('d1', 5)));
    expect(mirrorText(frame('d1'))).not.toBe(mirrorText(frame('d2')));
    expect(mirrorText(frame('d1'))).not.toContain('values');
  });

  it('does not resend an unchanged dataframe, and resends one whose digest changed', () => {
    const flushes: ServerMessage[][] = [];
    const q = new OutgoingQueue((messages) => flushes.push(messages as ServerMessage[]));
    runOnce(q, 1, [{ path: [0, 0], element: frame('d1') }]);
    runOnce(q, 2, [{ path: [0, 0], element: frame('d1') }]);
    runOnce(q, 3, [{ path: [0, 0], element: frame('d2') }]);
    expect(flushes.map((f) => sentDeltas(f).length)).toEqual([1, 0, 1]);
    expect(sentDeltas(flushes[2]!)[0]!.element).toEqual(frame('d2'));
  });

  it('takes a data_editor edit from the page without echoing it (rule 5)', () => {
    const flushes: ServerMessage[][] = [];
    const q = new OutgoingQueue((messages) => flushes.push(messages as ServerMessage[]));
    const editor = (value: DataEditorElement['value']): DataEditorElement => ({
      ...frame('d1'),
      type: 'data_editor',
      id: 'ed',
      label: '',
      disabled: false,
      labelVisibility: 'visible',
      numRows: 'fixed',
      value,
    });
    const empty = { edited_rows: {}, added_rows: [], deleted_rows: [] };
    const edited = { edited_rows: { '0': { x: 9 } }, added_rows: [], deleted_rows: [] };
    runOnce(q, 1, [{ path: [0, 0], element: editor(empty) }]);
    q.pageChanged({ ed: edited });
    runOnce(q, 2, [{ path: [0, 0], element: editor(edited) }]);
    // The server refused the edit: it sends the state it kept.
    q.pageChanged({ ed: { edited_rows: { '0': { x: 'bad' } }, added_rows: [], deleted_rows: [] } });
    runOnce(q, 3, [{ path: [0, 0], element: editor(edited) }]);
    expect(flushes.map((f) => sentDeltas(f).length)).toEqual([1, 0, 1]);
  });

  it('costs the main thread little for an unchanged 100,000-row frame', () => {
    const big = frame('same', 100_000);
    // Not timed (speed is for `pnpm bench`): the compared text is short whatever the rows.
    expect(mirrorText(big).length).toBeLessThan(300);
  });
});
