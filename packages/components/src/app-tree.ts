/**
 * The page's element tree, as a pure reducer over server messages (no React, no DOM).
 * It follows tree rules 1-5 of `@mini-st/protocol` exactly, so it stays in step with the
 * server's mirror of it. Updates are immutable with structural sharing: a node object changes
 * identity only when it or a descendant changed, which lets React skip untouched subtrees.
 */
import {
  pathKey,
  ROOT_MAIN,
  ROOT_SIDEBAR,
  type Block,
  type Delta,
  type Element,
  type Path,
  type RunStatus,
  type ServerMessage,
  type WidgetValue,
  withPageValue,
} from '@mini-st/protocol';

/** The run id of nodes no run of the current session has set (e.g. after a fresh session). */
export const NO_RUN = -1;

/** A leaf of the tree. */
export interface ElementNode {
  readonly kind: 'element';
  readonly element: Element;
  /** The run whose delta last set this node. */
  readonly runId: number;
}

/** A container and its children, in order. */
export interface BlockNode {
  readonly kind: 'block';
  readonly block: Block;
  readonly children: readonly AppNode[];
  /** The run whose delta last set this node. */
  readonly runId: number;
}

export type AppNode = ElementNode | BlockNode;

/** Everything the page knows about the tree and the run that is drawing it. */
export interface TreeState {
  /** `roots[0]` is the main area, `roots[1]` the sidebar. */
  readonly roots: readonly [BlockNode, BlockNode];
  /** The current run, or the last one; `NO_RUN` before any. */
  readonly runId: number;
  readonly running: boolean;
  /** How the last finished run ended; null until one has. */
  readonly lastStatus: RunStatus | null;
  /** pathKey(block) → children the current run has produced so far (rule 3). */
  readonly reached: Readonly<Record<string, number>>;
  /**
   * The fragment blocks (path keys) the current or last run redrew, or null when it ran the whole
   * script. Only nodes under them can be stale (rule 3).
   */
  readonly scope: readonly string[] | null;
}

function emptyRoot(): BlockNode {
  return { kind: 'block', block: { type: 'vertical', border: false }, children: [], runId: NO_RUN };
}

/** The tree of a page that has heard nothing yet. */
export const initialTree: TreeState = {
  roots: [emptyRoot(), emptyRoot()],
  runId: NO_RUN,
  running: false,
  lastStatus: null,
  reached: {},
  scope: null,
};

/**
 * Applies one server message to the tree. Messages that do not concern the tree return the same
 * state object, so subscribers can compare by identity.
 *
 * @example
 * let tree = initialTree;
 * tree = reduceTree(tree, { type: 'run_started', runId: 1 });
 */
export function reduceTree(state: TreeState, msg: ServerMessage): TreeState {
  switch (msg.type) {
    case 'session_start':
      // A resumed session carries on with the same run ids. A new one numbers its runs afresh, so
      // what is on screen must not be mistaken for the output of the new session's run 1.
      if (msg.resumed) return state.running ? { ...state, running: false } : state;
      return { ...state, roots: [retire(state.roots[0]), retire(state.roots[1])], runId: NO_RUN, running: false, reached: {}, scope: null };
    case 'run_started':
      return { ...state, runId: msg.runId, running: true, reached: {}, scope: msg.fragments ?? null };
    case 'deltas': {
      // Deltas of a run we never saw start (e.g. joined mid-run after a reconnect) begin it.
      const base = msg.runId === state.runId ? state : { ...state, runId: msg.runId, reached: {}, scope: null };
      let roots = base.roots;
      for (const delta of msg.deltas) roots = applyDelta(roots, delta, msg.runId);
      const reached = msg.reached ? { ...base.reached, ...msg.reached } : base.reached;
      return { ...base, roots, reached, running: true };
    }
    case 'run_finished': {
      const sameRun = msg.runId === state.runId;
      // `counts` is the final word on what this run produced, so it also settles freshness.
      const reached = { ...(sameRun ? state.reached : {}), ...msg.counts };
      const prunes = msg.status === 'ok' || msg.status === 'error';
      const roots = prunes ? prune(state.roots, msg.counts) : state.roots;
      return { roots, runId: msg.runId, running: false, lastStatus: msg.status, reached, scope: sameRun ? state.scope : null };
    }
    case 'navigate':
    case 'source_changed':
    case 'error':
    case 'toast':
    case 'page_config':
    case 'query_params':
    case 'navigation':
    case 'download':
      return state;
    default:
      return msg satisfies never;
  }
}

/**
 * Rule 3: whether the child at `index` of the block keyed `parentKey` belongs to the current run.
 *
 * @example
 * isFresh(tree.runId, tree.reached['0'] ?? 0, 2, child)
 */
export function isFresh(runId: number, reachedInParent: number, index: number, node: AppNode): boolean {
  return (runId !== NO_RUN && node.runId === runId) || index < reachedInParent;
}

/**
 * Rule 3 for fragment runs: whether the children of the block keyed `parentKey` lie outside the
 * fragments the run redraws (then they are not the run's concern, and never stale).
 *
 * @example
 * outsideScope(['0.2'], '0')     // true: the main area's children are not the fragment's
 * outsideScope(['0.2'], '0.2.1') // false
 */
export function outsideScope(scope: readonly string[] | null, parentKey: string): boolean {
  return scope !== null && !scope.some((key) => parentKey === key || parentKey.startsWith(`${key}.`));
}

/** Rule 3 against a whole state: is the child at `index` of `parentPath` stale? */
export function isStale(state: TreeState, parentPath: Path, index: number): boolean {
  const parent = nodeAt(state, parentPath);
  const child = parent?.kind === 'block' ? parent.children[index] : undefined;
  if (!child) return false;
  const key = pathKey(parentPath);
  if (outsideScope(state.scope, key)) return false;
  return !isFresh(state.runId, state.reached[key] ?? 0, index, child);
}

/** The node at a path, if there is one. */
export function nodeAt(state: TreeState, path: Path): AppNode | undefined {
  const [root, ...rest] = path;
  let node: AppNode | undefined = root === ROOT_MAIN || root === ROOT_SIDEBAR ? state.roots[root] : undefined;
  for (const i of rest) node = node?.kind === 'block' ? node.children[i] : undefined;
  return node;
}

/**
 * The page sent these widget values itself: its tree's widget elements take them (rule 5), as the
 * server's mirror does, so a run that does not resend a widget leaves it showing the user's value.
 */
export function applyPageValues(state: TreeState, values: Readonly<Record<string, WidgetValue>>): TreeState {
  if (Object.keys(values).length === 0) return state;
  const visit = (node: AppNode): AppNode => {
    if (node.kind === 'element') {
      const element = node.element;
      if (!('id' in element) || !Object.hasOwn(values, element.id)) return node;
      const shown = withPageValue(element, values[element.id] as WidgetValue);
      return shown ? { ...node, element: shown } : node;
    }
    let changed = false;
    const children = node.children.map((child) => {
      const next = visit(child);
      if (next !== child) changed = true;
      return next;
    });
    return changed ? { ...node, children } : node;
  };
  const main = visit(state.roots[0]) as BlockNode;
  const sidebar = visit(state.roots[1]) as BlockNode;
  return main === state.roots[0] && sidebar === state.roots[1] ? state : { ...state, roots: [main, sidebar] };
}

/** Calls `visit` for every element in the tree, depth first, main area before sidebar. */
export function forEachElement(state: TreeState, visit: (element: Element) => void): void {
  const walk = (node: AppNode): void => {
    if (node.kind === 'element') visit(node.element);
    else node.children.forEach(walk);
  };
  state.roots.forEach(walk);
}

// ---------------------------------------------------------------------------------------------

type Roots = TreeState['roots'];

function applyDelta(roots: Roots, delta: Delta, runId: number): Roots {
  const [root, ...rest] = delta.path;
  if ((root !== ROOT_MAIN && root !== ROOT_SIDEBAR) || !rest.every(isIndex)) return roots;
  const current = roots[root];
  let next: BlockNode | null;
  if (rest.length === 0) {
    // A root is always a block; an element cannot take its place.
    next = delta.block ? (replace(current, delta, runId) as BlockNode) : null;
  } else {
    next = setAt(current, rest, delta, runId);
  }
  // Rule 1 makes a missing parent the sender's error: ignore the delta rather than guess.
  if (!next) return roots;
  return root === ROOT_MAIN ? [next, roots[1]] : [roots[0], next];
}

function isIndex(i: number): boolean {
  return Number.isInteger(i) && i >= 0;
}

function setAt(parent: BlockNode, rest: readonly number[], delta: Delta, runId: number): BlockNode | null {
  const [i, ...deeper] = rest as [number, ...number[]];
  const old = parent.children[i];
  let child: AppNode;
  if (deeper.length === 0) {
    child = replace(old, delta, runId);
  } else {
    if (old?.kind !== 'block') return null;
    const updated = setAt(old, deeper, delta, runId);
    if (!updated) return null;
    child = updated;
  }
  const children = parent.children.slice();
  // A gap would be the sender's error too; fill it with stale placeholders so indices hold.
  for (let k = children.length; k < i; k++) children.push({ kind: 'element', element: { type: 'empty' }, runId: NO_RUN });
  children[i] = child;
  return { ...parent, children };
}

/** Rules 1 and 2: the new node at a path, given what was there. */
function replace(old: AppNode | undefined, delta: Delta, runId: number): AppNode {
  if (delta.block) {
    const keep = old?.kind === 'block' && old.block.type === delta.block.type;
    return { kind: 'block', block: delta.block, children: keep ? old.children : [], runId };
  }
  return { kind: 'element', element: delta.element, runId };
}

/** Rule 4: cut every block listed in `counts` down to its count. */
function prune(roots: Roots, counts: Readonly<Record<string, number>>): Roots {
  let [main, sidebar] = roots;
  for (const [key, count] of Object.entries(counts)) {
    if (!/^\d+(\.\d+)*$/.test(key)) continue;
    const [root, ...rest] = key.split('.').map(Number);
    if (root === ROOT_MAIN) main = truncateAt(main, rest, count);
    else if (root === ROOT_SIDEBAR) sidebar = truncateAt(sidebar, rest, count);
  }
  return main === roots[0] && sidebar === roots[1] ? roots : [main, sidebar];
}

function truncateAt(node: BlockNode, rest: readonly number[], count: number): BlockNode {
  if (rest.length === 0) {
    return node.children.length > count ? { ...node, children: node.children.slice(0, Math.max(0, count)) } : node;
  }
  const [i, ...deeper] = rest as [number, ...number[]];
  const child = node.children[i];
  if (child?.kind !== 'block') return node;
  const updated = truncateAt(child, deeper, count);
  if (updated === child) return node;
  const children = node.children.slice();
  children[i] = updated;
  return { ...node, children };
}

/** Marks a subtree as set by no run of this session, keeping identity where nothing changes. */
function retire<T extends AppNode>(node: T): T {
  if (node.kind === 'element') return node.runId === NO_RUN ? node : { ...node, runId: NO_RUN };
  const children = node.children.map(retire);
  const same = node.runId === NO_RUN && children.every((c, i) => c === node.children[i]);
  return same ? node : { ...node, children, runId: NO_RUN };
}
