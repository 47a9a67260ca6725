/**
 * The tree reducer against message sequences, one test per rule of the protocol's tree contract.
 */
import { describe, expect, it } from 'vitest';
import type { Block, Delta, Element, ServerMessage } from '@mini-st/protocol';
import { initialTree, isStale, nodeAt, NO_RUN, reduceTree, type AppNode, type TreeState } from './app-tree.js';

const md = (body: string): Element => ({ type: 'markdown', body, allowHtml: false, variant: 'normal' });
const vertical: Block = { type: 'vertical', border: false };
const el = (path: number[], element: Element): Delta => ({ path, element });
const blk = (path: number[], block: Block): Delta => ({ path, block });

function run(state: TreeState, ...messages: ServerMessage[]): TreeState {
  return messages.reduce(reduceTree, state);
}

/** A compact picture of a subtree: element bodies, blocks as [type, ...children]. */
function shape(node: AppNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'block') return [node.block.type, ...node.children.map(shape)];
  const e = node.element;
  return 'body' in e ? e.body : e.type;
}

const main = (s: TreeState) => shape(s.roots[0]);

/** The first run of a page: three paragraphs, then a clean finish. */
function firstRun(): TreeState {
  return run(
    initialTree,
    { type: 'run_started', runId: 1 },
    { type: 'deltas', runId: 1, deltas: [el([0, 0], md('a')), el([0, 1], md('b')), el([0, 2], md('c'))], reached: { '0': 3 } },
    { type: 'run_finished', runId: 1, status: 'ok', counts: { '0': 3, '1': 0 } },
  );
}

describe('reduceTree', () => {
  it('streams elements into the main root as deltas arrive', () => {
    let s = run(initialTree, { type: 'run_started', runId: 1 });
    expect(s.running).toBe(true);
    s = run(s, { type: 'deltas', runId: 1, deltas: [el([0, 0], md('a'))], reached: { '0': 1 } });
    expect(main(s)).toEqual(['vertical', 'a']);
    s = run(s, { type: 'deltas', runId: 1, deltas: [el([0, 1], md('b'))], reached: { '0': 2 } });
    expect(main(s)).toEqual(['vertical', 'a', 'b']);
    s = run(s, { type: 'run_finished', runId: 1, status: 'ok', counts: { '0': 2, '1': 0 } });
    expect(s.running).toBe(false);
    expect(s.lastStatus).toBe('ok');
  });

  it('replaces the node at a path and keeps its siblings by identity', () => {
    const before = firstRun();
    const after = run(before, { type: 'run_started', runId: 2 }, { type: 'deltas', runId: 2, deltas: [el([0, 1], md('B'))] });
    expect(main(after)).toEqual(['vertical', 'a', 'B', 'c']);
    expect(after.roots[0].children[0]).toBe(before.roots[0].children[0]);
    expect(after.roots[0].children[2]).toBe(before.roots[0].children[2]);
    expect(after.roots[0]).not.toBe(before.roots[0]);
    expect(after.roots[1]).toBe(before.roots[1]);
    expect(after.roots[0].children[1]!.runId).toBe(2);
  });

  it('keeps the children of a block replaced by a block of the same type', () => {
    let s = run(
      initialTree,
      { type: 'run_started', runId: 1 },
      { type: 'deltas', runId: 1, deltas: [blk([0, 0], { type: 'expander', label: 'x', expanded: false }), el([0, 0, 0], md('in'))] },
    );
    s = run(s, { type: 'run_started', runId: 2 }, { type: 'deltas', runId: 2, deltas: [blk([0, 0], { type: 'expander', label: 'y', expanded: true })] });
    expect(main(s)).toEqual(['vertical', ['expander', 'in']]);
    const node = nodeAt(s, [0, 0]);
    expect(node?.kind === 'block' && node.block.type === 'expander' && node.block.label).toBe('y');
  });

  it('drops the children when a block is replaced by another type or by an element', () => {
    let s = run(
      initialTree,
      { type: 'run_started', runId: 1 },
      { type: 'deltas', runId: 1, deltas: [blk([0, 0], vertical), el([0, 0, 0], md('in')), blk([0, 1], vertical), el([0, 1, 0], md('in2'))] },
    );
    s = run(s, { type: 'deltas', runId: 1, deltas: [blk([0, 0], { type: 'tabs' }), el([0, 1], md('flat'))] });
    expect(main(s)).toEqual(['vertical', ['tabs'], 'flat']);
  });

  it('fills an empty placeholder in place, with an element or a container', () => {
    let s = run(
      initialTree,
      { type: 'run_started', runId: 1 },
      { type: 'deltas', runId: 1, deltas: [el([0, 0], md('top')), el([0, 1], { type: 'empty' }), el([0, 2], md('end'))] },
    );
    expect(main(s)).toEqual(['vertical', 'top', 'empty', 'end']);
    s = run(s, { type: 'deltas', runId: 1, deltas: [el([0, 1], md('filled'))] });
    expect(main(s)).toEqual(['vertical', 'top', 'filled', 'end']);
    s = run(s, { type: 'deltas', runId: 1, deltas: [blk([0, 1], vertical), el([0, 1, 0], md('inside'))] });
    expect(main(s)).toEqual(['vertical', 'top', ['vertical', 'inside'], 'end']);
  });

  it('builds nested blocks: columns inside a tab inside tabs', () => {
    const s = run(
      initialTree,
      { type: 'run_started', runId: 1 },
      {
        type: 'deltas',
        runId: 1,
        deltas: [
          blk([0, 0], { type: 'tabs' }),
          blk([0, 0, 0], { type: 'tab', label: 'One' }),
          blk([0, 0, 0, 0], { type: 'horizontal', gap: 'small' }),
          blk([0, 0, 0, 0, 0], { type: 'column', weight: 1, verticalAlignment: 'top', border: false }),
          el([0, 0, 0, 0, 0, 0], md('deep')),
        ],
      },
    );
    expect(main(s)).toEqual(['vertical', ['tabs', ['tab', ['horizontal', ['column', 'deep']]]]]);
  });

  it('ignores a delta whose parent is missing or is an element', () => {
    const before = firstRun();
    const after = run(before, { type: 'deltas', runId: 1, deltas: [el([0, 7, 0], md('x')), el([0, 0, 0], md('y')), el([2, 0], md('z'))] });
    expect(after.roots).toBe(before.roots);
  });

  it('puts deltas at path [1, …] into the sidebar root', () => {
    const s = run(
      initialTree,
      { type: 'run_started', runId: 1 },
      { type: 'deltas', runId: 1, deltas: [el([1, 0], md('side')), el([0, 0], md('main'))] },
    );
    expect(shape(s.roots[1])).toEqual(['vertical', 'side']);
    expect(main(s)).toEqual(['vertical', 'main']);
  });

  it('marks what the last run drew as stale until this run reaches it', () => {
    let s = firstRun();
    expect([0, 1, 2].map((i) => isStale(s, [0], i))).toEqual([false, false, false]);
    s = run(s, { type: 'run_started', runId: 2 });
    expect([0, 1, 2].map((i) => isStale(s, [0], i))).toEqual([true, true, true]);
    // Rule 5: element 0 is unchanged so it is not resent; `reached` says it is current.
    s = run(s, { type: 'deltas', runId: 2, deltas: [el([0, 1], md('b2'))], reached: { '0': 2 } });
    expect([0, 1, 2].map((i) => isStale(s, [0], i))).toEqual([false, false, true]);
  });

  it('counts a node set by this run as fresh even beyond reached', () => {
    let s = run(firstRun(), { type: 'run_started', runId: 2 }, { type: 'deltas', runId: 2, deltas: [el([0, 2], md('c2'))] });
    expect([0, 1, 2].map((i) => isStale(s, [0], i))).toEqual([true, true, false]);
    s = run(s, { type: 'deltas', runId: 2, deltas: [], reached: { '0': 1 } });
    expect([0, 1, 2].map((i) => isStale(s, [0], i))).toEqual([false, true, false]);
  });

  it('judges children of a kept block by that block\'s own reached count', () => {
    let s = run(
      initialTree,
      { type: 'run_started', runId: 1 },
      { type: 'deltas', runId: 1, deltas: [blk([0, 0], vertical), el([0, 0, 0], md('x')), el([0, 0, 1], md('y'))] },
      { type: 'run_finished', runId: 1, status: 'ok', counts: { '0': 1, '0.0': 2, '1': 0 } },
    );
    s = run(s, { type: 'run_started', runId: 2 }, { type: 'deltas', runId: 2, deltas: [], reached: { '0': 1, '0.0': 1 } });
    expect(isStale(s, [0], 0)).toBe(false);
    expect(isStale(s, [0, 0], 0)).toBe(false);
    expect(isStale(s, [0, 0], 1)).toBe(true);
  });

  it('prunes children beyond counts when a run finishes ok', () => {
    let s = firstRun();
    s = run(
      s,
      { type: 'run_started', runId: 2 },
      { type: 'deltas', runId: 2, deltas: [el([0, 0], md('only'))], reached: { '0': 1 } },
      { type: 'run_finished', runId: 2, status: 'ok', counts: { '0': 1, '1': 0 } },
    );
    expect(main(s)).toEqual(['vertical', 'only']);
    expect(isStale(s, [0], 0)).toBe(false);
  });

  it('prunes when a run ends in error, inside nested blocks and in the sidebar', () => {
    let s = run(
      initialTree,
      { type: 'run_started', runId: 1 },
      {
        type: 'deltas',
        runId: 1,
        deltas: [blk([0, 0], vertical), el([0, 0, 0], md('x')), el([0, 0, 1], md('y')), el([1, 0], md('s1')), el([1, 1], md('s2'))],
      },
      { type: 'run_finished', runId: 1, status: 'ok', counts: { '0': 1, '0.0': 2, '1': 2 } },
    );
    const sidebarBefore = s.roots[1];
    s = run(
      s,
      { type: 'run_started', runId: 2 },
      { type: 'deltas', runId: 2, deltas: [el([0, 1], { type: 'exception', name: 'Error', message: 'boom', stack: [] })] },
      { type: 'run_finished', runId: 2, status: 'error', counts: { '0': 2, '0.0': 1, '1': 1 } },
    );
    expect(main(s)).toEqual(['vertical', ['vertical', 'x'], 'exception']);
    expect(shape(s.roots[1])).toEqual(['vertical', 's1']);
    expect(s.roots[1]).not.toBe(sidebarBefore);
  });

  it.each(['interrupted', 'stopped', 'compile_error'] as const)('prunes nothing when a run ends %s', (status) => {
    let s = firstRun();
    s = run(
      s,
      { type: 'run_started', runId: 2 },
      { type: 'deltas', runId: 2, deltas: [el([0, 0], md('new'))], reached: { '0': 1 } },
      { type: 'run_finished', runId: 2, status, counts: { '0': 1, '1': 0 } },
    );
    expect(main(s)).toEqual(['vertical', 'new', 'b', 'c']);
    expect(s.lastStatus).toBe(status);
    // What the run did not reach stays marked stale.
    expect([0, 1, 2].map((i) => isStale(s, [0], i))).toEqual([false, true, true]);
  });

  it('keeps identity of unchanged subtrees through a prune', () => {
    const s1 = run(
      initialTree,
      { type: 'run_started', runId: 1 },
      { type: 'deltas', runId: 1, deltas: [blk([0, 0], vertical), el([0, 0, 0], md('x')), el([0, 1], md('y'))] },
      { type: 'run_finished', runId: 1, status: 'ok', counts: { '0': 2, '0.0': 1, '1': 0 } },
    );
    const s2 = run(s1, { type: 'run_started', runId: 2 }, { type: 'run_finished', runId: 2, status: 'ok', counts: { '0': 2, '0.0': 1, '1': 0 } });
    expect(s2.roots).toBe(s1.roots);
  });

  it('treats deltas of an unseen run as its start', () => {
    const s = run(firstRun(), { type: 'deltas', runId: 5, deltas: [el([0, 0], md('late'))], reached: { '0': 1 } });
    expect(s.runId).toBe(5);
    expect(s.running).toBe(true);
    expect([0, 1].map((i) => isStale(s, [0], i))).toEqual([false, true]);
  });

  it('marks everything stale when a new (not resumed) session starts', () => {
    const s = run(firstRun(), {
      type: 'session_start',
      protocol: 1,
      sessionId: 'new',
      resumed: false,
      scriptName: 'app.ts',
      runOnSave: false,
    });
    expect(s.roots[0].children.every((c) => c.runId === NO_RUN)).toBe(true);
    const s2 = run(s, { type: 'run_started', runId: 1 }, { type: 'deltas', runId: 1, deltas: [] });
    expect(isStale(s2, [0], 0)).toBe(true);
  });

  it('keeps everything when a session resumes', () => {
    const before = firstRun();
    const after = run(before, { type: 'session_start', protocol: 1, sessionId: 's', resumed: true, scriptName: 'app.ts', runOnSave: false });
    expect(after).toBe(before);
  });

  it('ignores messages that do not concern the tree', () => {
    const before = firstRun();
    expect(run(before, { type: 'navigate', url: '/x' }, { type: 'source_changed' }, { type: 'error', code: 'X', message: 'y' })).toBe(before);
  });
});
