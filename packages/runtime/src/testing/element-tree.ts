/**
 * The element tree as the page would hold it, rebuilt from a runner's deltas by the protocol's
 * rules (replace at a path; a block onto a block of the same type keeps its children; prune by
 * `counts` when a run ends `ok` or `error`). AppTest reads elements from here.
 */
import { pathKey, type Block, type Delta, type Element, type Path, type RunStatus } from '@mini-st/protocol';

export interface ElementNode {
  kind: 'element';
  element: Element;
  path: Path;
}

export interface BlockNode {
  kind: 'block';
  block: Block | { type: 'root' };
  path: Path;
  children: (TreeNode | undefined)[];
}

export type TreeNode = ElementNode | BlockNode;

export class ElementTree {
  readonly roots: [BlockNode, BlockNode] = [
    { kind: 'block', block: { type: 'root' }, path: [0], children: [] },
    { kind: 'block', block: { type: 'root' }, path: [1], children: [] },
  ];

  apply(delta: Delta): void {
    const parent = this.find(delta.path.slice(0, -1));
    if (!parent || parent.kind !== 'block') return;
    const index = delta.path[delta.path.length - 1] ?? 0;
    const previous = parent.children[index];
    if (delta.block) {
      const keep = previous?.kind === 'block' && previous.block.type === delta.block.type ? previous.children : [];
      parent.children[index] = { kind: 'block', block: delta.block, path: delta.path, children: keep };
    } else {
      parent.children[index] = { kind: 'element', element: delta.element, path: delta.path };
    }
  }

  finish(status: RunStatus, counts: Record<string, number>): void {
    if (status !== 'ok' && status !== 'error') return;
    const visit = (node: BlockNode) => {
      const count = counts[pathKey(node.path)];
      if (count !== undefined) node.children.length = Math.min(node.children.length, count);
      for (const child of node.children) if (child?.kind === 'block') visit(child);
    };
    for (const root of this.roots) visit(root);
  }

  find(path: Path): TreeNode | undefined {
    const [root, ...rest] = path;
    let node: TreeNode | undefined = this.roots[root ?? 0];
    for (const index of rest) {
      if (node?.kind !== 'block') return undefined;
      node = node.children[index];
    }
    return node;
  }
}

/** Every node under `node`, depth first, in page order. */
export function descendants(node: BlockNode): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (block: BlockNode) => {
    for (const child of block.children) {
      if (!child) continue;
      out.push(child);
      if (child.kind === 'block') walk(child);
    }
  };
  walk(node);
  return out;
}
