/**
 * Fragment runs on the page: the tree reducer prunes and marks stale only inside the fragments a
 * run redraws (protocol rules 3 and 4), and the store sends a widget's fragment with its rerun.
 */
import { describe, expect, it } from 'vitest';
import type { Block, ButtonElement, CheckboxElement, Delta, Element, ServerMessage, WidgetValue } from '@mini-st/protocol';
import { initialTree, isStale, outsideScope, reduceTree, type AppNode, type TreeState } from './app-tree.js';
import { Connection, type SocketLike } from './connection.js';
import { PageStore } from './page-store.js';

const md = (body: string): Element => ({ type: 'markdown', body, allowHtml: false, variant: 'normal' });
const fragment: Block = { type: 'vertical', border: false, fragmentId: 'f1' };
const el = (path: number[], element: Element): Delta => ({ path, element });
const blk = (path: number[], block: Block): Delta => ({ path, block });
const base = { disabled: false, labelVisibility: 'visible' as const };
const inside: ButtonElement = { ...base, type: 'button', id: 'plus', label: '+1', kind: 'secondary', isSubmit: false, useContainerWidth: false, fragmentId: 'f1' };
const outside: CheckboxElement = { ...base, type: 'checkbox', id: 'all', label: 'All', value: false, style: 'checkbox' };

function run(state: TreeState, ...messages: ServerMessage[]): TreeState {
  return messages.reduce(reduceTree, state);
}

function shape(node: AppNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'block') return [node.block.type, ...node.children.map(shape)];
  const e = node.element;
  return 'body' in e ? e.body : e.type;
}

/** A full run: a, a fragment at [0, 1] holding x and y, then z. */
function firstRun(): TreeState {
  return run(
    initialTree,
    { type: 'run_started', runId: 1 },
    { type: 'deltas', runId: 1, deltas: [el([0, 0], md('a')), blk([0, 1], fragment), el([0, 1, 0], md('x')), el([0, 1, 1], md('y')), el([0, 2], md('z'))] },
    { type: 'run_finished', runId: 1, status: 'ok', counts: { '0': 3, '0.1': 2, '1': 0 } },
  );
}

describe('fragment runs in the tree', () => {
  it('marks nothing outside the fragment stale while it runs, and what inside it was not reached', () => {
    let s = run(firstRun(), { type: 'run_started', runId: 2, fragments: ['0.1'] });
    expect(s.scope).toEqual(['0.1']);
    expect(isStale(s, [0], 0)).toBe(false);
    expect(isStale(s, [0], 2)).toBe(false);
    expect(isStale(s, [0, 1], 0)).toBe(true);
    s = run(s, { type: 'deltas', runId: 2, deltas: [el([0, 1, 0], md('x2'))], reached: { '0.1': 1 } });
    expect(isStale(s, [0, 1], 0)).toBe(false);
    expect(isStale(s, [0, 1], 1)).toBe(true);
    // A full run marks everything not yet reached again.
    s = run(s, { type: 'run_finished', runId: 2, status: 'ok', counts: { '0.1': 1 } }, { type: 'run_started', runId: 3 });
    expect(s.scope).toBeNull();
    expect(isStale(s, [0], 2)).toBe(true);
  });

  it('prunes only inside the fragment, and keeps the rest fresh after the run ends', () => {
    const s = run(
      firstRun(),
      { type: 'run_started', runId: 2, fragments: ['0.1'] },
      { type: 'deltas', runId: 2, deltas: [el([0, 1, 0], md('x2'))] },
      { type: 'run_finished', runId: 2, status: 'ok', counts: { '0.1': 1 } },
    );
    expect(shape(s.roots[0])).toEqual(['vertical', 'a', ['vertical', 'x2'], 'z']);
    expect(isStale(s, [0], 0)).toBe(false);
    expect(isStale(s, [0], 2)).toBe(false);
    expect(isStale(s, [0, 1], 0)).toBe(false);
  });

  it('knows which blocks lie outside a run\'s fragments', () => {
    expect(outsideScope(null, '0')).toBe(false);
    expect(outsideScope(['0.1'], '0')).toBe(true);
    expect(outsideScope(['0.1'], '0.10')).toBe(true);
    expect(outsideScope(['0.1'], '0.1')).toBe(false);
    expect(outsideScope(['0.1'], '0.1.3')).toBe(false);
  });
});

describe('fragment reruns from the page', () => {
  function setup() {
    const sent: { widgets: Readonly<Record<string, WidgetValue>>; trigger?: string; fragmentId?: string }[] = [];
    const store = new PageStore({
      rerun: (widgets, trigger, fragmentId) => sent.push({ widgets, ...(trigger ? { trigger } : {}), ...(fragmentId ? { fragmentId } : {}) }),
      stop: () => {},
    });
    store.receive({ type: 'run_started', runId: 1 });
    store.receive({ type: 'deltas', runId: 1, deltas: [blk([0, 0], { ...fragment }), el([0, 0, 0], inside), el([0, 1], outside)] });
    store.receive({ type: 'run_finished', runId: 1, status: 'ok', counts: { '0': 2, '0.0': 1, '1': 0 } });
    return { store, sent };
  }

  it('sends the fragment of a widget inside one, and none for a widget outside', () => {
    const { store, sent } = setup();
    store.click('plus');
    store.commit(outside, true);
    expect(sent).toEqual([{ widgets: {}, trigger: 'plus', fragmentId: 'f1' }, { widgets: { all: true } }]);
  });

  it('forgets the fragment of a widget that moved out of it, or is gone', () => {
    const { store, sent } = setup();
    store.receive({ type: 'run_started', runId: 2 });
    store.receive({ type: 'deltas', runId: 2, deltas: [el([0, 0], { ...inside, fragmentId: undefined } as Element)] });
    store.receive({ type: 'run_finished', runId: 2, status: 'ok', counts: { '0': 1, '1': 0 } });
    store.click('plus');
    expect(sent).toEqual([{ widgets: {}, trigger: 'plus' }]);
    expect(store.fragmentOf('plus')).toBeUndefined();
  });
});

describe('fragment reruns on the wire', () => {
  function connect() {
    const sent: unknown[] = [];
    let socket!: SocketLike & { readyState: number };
    const connection = new Connection({
      url: 'ws://host/_stcore/stream',
      widgets: () => ({}),
      onMessage: () => {},
      page: () => '/',
      openSocket: () => {
        socket = { readyState: 0, send: (data: string) => sent.push(JSON.parse(data)), close: () => {}, onopen: null, onmessage: null, onclose: null, onerror: null };
        return socket;
      },
    });
    connection.start();
    return { connection, sent, open: () => ((socket.readyState = 1), socket.onopen?.({})) };
  }

  it('carries the fragment id of a rerun', () => {
    const { connection, sent, open } = connect();
    open();
    connection.rerun({}, 'plus', 'f1');
    expect(sent.at(-1)).toEqual({ type: 'rerun', widgets: {}, trigger: 'plus', fragmentId: 'f1' });
  });

  it('keeps a fragment id through the offline queue only when every queued change is that fragment\'s', () => {
    const one = connect();
    one.connection.rerun({ a: 1 }, undefined, 'f1');
    one.connection.rerun({ b: 2 }, undefined, 'f1');
    one.open();
    expect(one.sent.at(-1)).toEqual({ type: 'rerun', widgets: { a: 1, b: 2 }, fragmentId: 'f1' });
    const mixed = connect();
    mixed.connection.rerun({ a: 1 }, undefined, 'f1');
    mixed.connection.rerun({ c: true });
    mixed.open();
    expect(mixed.sent.at(-1)).toEqual({ type: 'rerun', widgets: { a: 1, c: true } });
  });
});
