import type { Locator } from 'playwright-core';

// The little of the DOM this needs (the Node test project has no DOM types).
interface PageNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<PageNode>;
  ownerDocument: { createRange(): PageRange };
}
interface PageRange {
  setStart(node: PageNode, offset: number): void;
  setEnd(node: PageNode, offset: number): void;
  getClientRects(): ArrayLike<{ top: number; width: number; height: number }>;
}

/**
 * On how many lines the browser laid out `text` inside the element: 1 when it stays
 * whole, more when a line break falls inside it (whatever elements it spans). 0 when the
 * element does not contain it.
 */
export async function linesOfText(element: Locator, text: string): Promise<number> {
  return element.evaluate((root, wanted) => {
    const TEXT_NODE = 3;
    const nodes: PageNode[] = [];
    const walk = (node: PageNode): void => {
      if (node.nodeType === TEXT_NODE) nodes.push(node);
      else Array.from(node.childNodes).forEach(walk);
    };
    const top = root as unknown as PageNode;
    walk(top);
    const all = nodes.map((node) => node.textContent ?? '').join('');
    const start = all.indexOf(wanted);
    if (start < 0) return 0;
    const end = start + wanted.length;
    const range = top.ownerDocument.createRange();
    let offset = 0;
    for (const node of nodes) {
      const length = (node.textContent ?? '').length;
      if (start >= offset && start <= offset + length) range.setStart(node, start - offset);
      if (end >= offset && end <= offset + length) {
        range.setEnd(node, end - offset);
        break;
      }
      offset += length;
    }
    const tops = new Set<number>();
    for (const rect of Array.from(range.getClientRects())) {
      if (rect.width > 0 && rect.height > 0) tops.add(Math.round(rect.top));
    }
    return tops.size;
  }, text);
}
