/**
 * The open nodes of the tree, best bound first, ties by the lower node id: a binary heap, so the
 * order nodes are taken in depends only on their bounds and ids, never on timing or threads.
 */
import type { TreeNode } from './node.ts';

const before = (a: TreeNode, b: TreeNode): boolean => a.bound > b.bound || (a.bound === b.bound && a.id < b.id);

export class OpenNodes {
  private heap: TreeNode[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(node: TreeNode): void {
    const h = this.heap;
    h.push(node);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  pop(): TreeNode | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < h.length && before(h[l], h[best])) best = l;
        if (r < h.length && before(h[r], h[best])) best = r;
        if (best === i) break;
        [h[i], h[best]] = [h[best], h[i]];
        i = best;
      }
    }
    return top;
  }

  /** The largest bound of any open node (-Infinity when none). */
  maxBound(): number {
    return this.heap.length ? this.heap[0].bound : -Infinity;
  }
}
