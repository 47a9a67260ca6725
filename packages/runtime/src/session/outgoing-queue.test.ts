import type { Delta, ServerMessage } from '@mini-st/protocol';
import { describe, expect, it } from 'vitest';
import { OutgoingQueue } from './outgoing-queue.js';
import { signature } from './mirror-text.js';

function queue() {
  const flushes: ServerMessage[][] = [];
  const q = new OutgoingQueue((messages) => flushes.push(messages as ServerMessage[]));
  return { q, flushes, all: () => flushes.flat() };
}

const text = (path: number[], body: string): Delta => ({ path, element: { type: 'text', body } });
const vertical = (path: number[]): Delta => ({ path, block: { type: 'vertical', border: false } });
const expander = (path: number[]): Delta => ({ path, block: { type: 'expander', label: 'x', expanded: false } });

function run(q: OutgoingQueue, runId: number, deltas: Delta[], counts: Record<string, number>, status: 'ok' | 'interrupted' = 'ok') {
  q.runStarted(runId);
  for (const delta of deltas) q.delta(runId, delta);
  q.runFinished(runId, status, counts);
  q.flush();
}

describe('OutgoingQueue', () => {
  it('sends a fast run as three messages: started, one deltas, finished', () => {
    const { q, flushes } = queue();
    run(q, 1, [text([0, 0], 'a'), text([0, 1], 'b')], { '0': 2, '1': 0 });
    expect(flushes).toHaveLength(1);
    expect(flushes[0]!.map((m) => m.type)).toEqual(['run_started', 'deltas', 'run_finished']);
    expect(flushes[0]![1]).toMatchObject({ deltas: [text([0, 0], 'a'), text([0, 1], 'b')] });
    expect(flushes[0]![1]).not.toHaveProperty('reached');
  });

  it('does not send an element again when it did not change', () => {
    const { q, flushes } = queue();
    run(q, 1, [text([0, 0], 'a'), text([0, 1], 'b')], { '0': 2 });
    run(q, 2, [text([0, 0], 'a'), text([0, 1], 'c')], { '0': 2 });
    expect(flushes[1]).toEqual([
      { type: 'run_started', runId: 2 },
      { type: 'deltas', runId: 2, deltas: [text([0, 1], 'c')] },
      { type: 'run_finished', runId: 2, status: 'ok', counts: { '0': 2 } },
    ]);
  });

  it('tells a streaming page how far the run has reached, even through unchanged elements', () => {
    const { q, flushes } = queue();
    run(q, 1, [text([0, 0], 'a'), text([0, 1], 'b')], { '0': 2 });
    q.runStarted(2);
    q.delta(2, text([0, 0], 'a'));
    q.flush();
    expect(flushes[1]).toEqual([
      { type: 'run_started', runId: 2 },
      { type: 'deltas', runId: 2, deltas: [], reached: { '0': 1 } },
    ]);
  });

  it('merges a newer element at the same path into the queued one', () => {
    const { q, flushes } = queue();
    q.runStarted(1);
    q.delta(1, text([0, 0], 'one'));
    q.delta(1, text([0, 1], 'x'));
    q.delta(1, text([0, 0], 'two'));
    q.flush();
    expect(flushes[0]![1]).toMatchObject({ deltas: [text([0, 0], 'two'), text([0, 1], 'x')] });
  });

  it('does not merge past a later replacement of an ancestor', () => {
    const { q, flushes } = queue();
    q.runStarted(1);
    q.delta(1, vertical([0, 0]));
    q.delta(1, text([0, 0, 0], 'one'));
    q.delta(1, expander([0, 0]));
    q.delta(1, text([0, 0, 0], 'two'));
    q.flush();
    expect((flushes[0]![1] as { deltas: Delta[] }).deltas).toHaveLength(4);
  });

  it('forgets pruned elements, so they are sent again when they come back', () => {
    const { q, flushes } = queue();
    run(q, 1, [text([0, 0], 'a'), text([0, 1], 'b')], { '0': 2 });
    run(q, 2, [text([0, 0], 'a')], { '0': 1 });
    run(q, 3, [text([0, 0], 'a'), text([0, 1], 'b')], { '0': 2 });
    expect(flushes[2]![1]).toMatchObject({ deltas: [text([0, 1], 'b')] });
  });

  it('does not prune on an interrupted run', () => {
    const { q, flushes } = queue();
    run(q, 1, [text([0, 0], 'a'), text([0, 1], 'b')], { '0': 2 });
    run(q, 2, [text([0, 0], 'a')], { '0': 1 }, 'interrupted');
    run(q, 3, [text([0, 0], 'a'), text([0, 1], 'b')], { '0': 2 });
    expect(flushes[2]!.map((m) => m.type)).toEqual(['run_started', 'run_finished']);
  });

  it('drops a block\'s children when another kind of node replaces it', () => {
    const { q, flushes } = queue();
    run(q, 1, [vertical([0, 0]), text([0, 0, 0], 'in')], { '0': 1, '0.0': 1 });
    run(q, 2, [expander([0, 0]), text([0, 0, 0], 'in')], { '0': 1, '0.0': 1 });
    expect(flushes[1]![1]).toMatchObject({ deltas: [expander([0, 0]), text([0, 0, 0], 'in')] });
  });

  it('sends everything again after reset (a new connection)', () => {
    const { q, flushes } = queue();
    run(q, 1, [text([0, 0], 'a')], { '0': 1 });
    q.reset();
    run(q, 2, [text([0, 0], 'a')], { '0': 1 });
    expect(flushes[1]![1]).toMatchObject({ deltas: [text([0, 0], 'a')] });
  });

  it('sends a widget again when the page changed its value, even if the element is the same', () => {
    const { q, flushes } = queue();
    const input = (value: string): Delta => ({
      path: [0, 0],
      element: { type: 'text_input', id: 'w1', label: 'Name', value, disabled: false, labelVisibility: 'visible', inputType: 'default' },
    });
    run(q, 1, [input('')], { '0': 1 });
    q.pageChanged({ w1: 'Ada' });
    // clear_on_submit: the page typed "Ada", the server shows the default "" again.
    run(q, 2, [input('')], { '0': 1 });
    expect(flushes[1]![1]).toMatchObject({ deltas: [input('')] });
  });

  it('prunes what an interrupted run added past the next finished run\'s end', () => {
    const { q, flushes } = queue();
    run(q, 1, [text([0, 0], 'a')], { '0': 1 });
    run(q, 2, [text([0, 0], 'a'), text([0, 1], 'extra')], { '0': 2 }, 'interrupted');
    run(q, 3, [text([0, 0], 'a')], { '0': 1 });
    run(q, 4, [text([0, 0], 'a'), text([0, 1], 'extra')], { '0': 2 });
    expect(flushes[3]![1]).toMatchObject({ deltas: [text([0, 1], 'extra')] });
  });

  it('does not echo a widget whose new element shows exactly what the page set', () => {
    const { q, flushes } = queue();
    const slider = (value: number): Delta => ({
      path: [0, 0],
      element: { type: 'slider', id: 's', label: 'n', value, min: 0, max: 9, step: 1, dataType: 'int', disabled: false, labelVisibility: 'visible' },
    });
    run(q, 1, [slider(1), text([0, 1], 'n=1')], { '0': 2 });
    q.pageChanged({ s: 5 });
    run(q, 2, [slider(5), text([0, 1], 'n=5')], { '0': 2 });
    expect(flushes[1]![1]).toMatchObject({ deltas: [text([0, 1], 'n=5')] });
  });

  it('prunes a fragment run only inside its fragment, and still notices a later full run shrinking', () => {
    const { q, flushes } = queue();
    run(q, 1, [text([0, 0], 'a'), vertical([0, 1]), text([0, 1, 0], 'f1'), text([0, 1, 1], 'f2'), text([0, 2], 'z')], { '0': 3, '0.1': 2, '1': 0 });
    q.runStarted(2, ['0.1']);
    q.delta(2, vertical([0, 1]));
    q.delta(2, text([0, 1, 0], 'f1'));
    q.runFinished(2, 'ok', { '0.1': 1 });
    expect(flushes[1]![0]).toEqual({ type: 'run_started', runId: 2, fragments: ['0.1'] });
    // Nothing of the fragment changed: only its counts travel.
    expect(flushes[1]!.map((m) => m.type)).toEqual(['run_started', 'run_finished']);
    expect(flushes[1]![1]).toMatchObject({ counts: { '0.1': 1 } });
    // The main area's extent survived the fragment run: a full run that shrinks it prunes the mirror…
    run(q, 3, [text([0, 0], 'a')], { '0': 1, '1': 0 });
    // …so what comes back is sent again, including the element after the fragment.
    run(q, 4, [text([0, 0], 'a'), vertical([0, 1]), text([0, 1, 0], 'f1'), text([0, 2], 'z')], { '0': 3, '0.1': 1, '1': 0 });
    expect(flushes[3]![1]).toMatchObject({ deltas: [vertical([0, 1]), text([0, 1, 0], 'f1'), text([0, 2], 'z')] });
  });

  it('keeps what a fragment run did not count: the next fragment run sends only its changes', () => {
    const { q, flushes } = queue();
    run(q, 1, [vertical([0, 0]), text([0, 0, 0], 'f1'), text([0, 0, 1], 'f2'), text([0, 1], 'z')], { '0': 2, '0.0': 2, '1': 0 });
    q.runStarted(2, ['0.0']);
    q.delta(2, vertical([0, 0]));
    q.delta(2, text([0, 0, 0], 'f1 changed'));
    q.runFinished(2, 'ok', { '0.0': 1 });
    run(q, 3, [text([0, 1], 'z')], { '0': 2, '1': 0 });
    // The element after the fragment is still on the page: not sent again.
    expect(flushes[2]!.find((m) => m.type === 'deltas')).toBeUndefined();
  });
});

describe('the mirror signature', () => {
  const long = JSON.stringify({ type: 'markdown', body: 'a paragraph long enough to be hashed', allowHtml: false, variant: 'normal' });

  it('keeps short texts and widget texts as they are, and hashes long ones', () => {
    expect(signature('{"type":"divider"}', false)).toBe('{"type":"divider"}');
    expect(signature(long, true)).toBe(long);
    expect(typeof signature(long, false)).toBe('number');
  });

  it('gives one text one hash, and texts differing in one character different hashes', () => {
    expect(signature(long, false)).toBe(signature(`${long}`, false));
    const seen = new Set<string | number>();
    for (let i = 0; i < 2000; i++) seen.add(signature(long.replace('hashed', `hashed ${i}`), false));
    expect(seen.size).toBe(2000);
  });
});
