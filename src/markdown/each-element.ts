import type { Element, Root } from 'hast';

/** What holds elements in a hast tree. */
export type ElementParent = Root | Element;

/**
 * What a visitor may answer: nothing (go into the element, then on to the next one), `'skip'`
 * (not into the element), or the index in the parent to go on from once the element's own
 * children are walked (after removing the element: its own index).
 */
export type EachElementAction = undefined | void | 'skip' | number;

/**
 * Calls `visitor` for every element under `tree`, parents before their children, in document
 * order: the walk of unist-util-visit's `visit(tree, 'element', visitor)` with its `SKIP` and
 * index answers, and like it, after a visitor replaces the element in its parent the walk goes
 * into the element it was given, not the replacement.
 *
 * Why our own: `visit` builds a new array of ancestors and a closure for every node it passes, and
 * four of our rehype plugins walk every story's whole tree. Profiled over the benchmark's 10,000
 * stories, those walks were about a tenth of the Markdown time; none of our plugins needs the
 * ancestors.
 */
export function eachElement(tree: ElementParent, visitor: (node: Element, index: number, parent: ElementParent) => EachElementAction): void {
  const walk = (parent: ElementParent): void => {
    const { children } = parent;
    let index = 0;
    while (index < children.length) {
      const node = children[index]!;
      if (node.type !== 'element') {
        index++;
        continue;
      }
      const action = visitor(node, index, parent);
      if (action !== 'skip') walk(node);
      index = typeof action === 'number' ? action : index + 1;
    }
  };
  walk(tree);
}

/** True for a text node of nothing but whitespace, without copying the text (a paragraph's can be long). */
export function isWhitespaceText(node: { type: string; value?: string }): boolean {
  return node.type === 'text' && !/\S/.test(node.value ?? '');
}

/** A paragraph's one child that is not whitespace text, if it has exactly one (a photo or an embed alone on its line). */
export function soleContent<T extends { type: string; value?: string }>(children: readonly T[]): T | undefined {
  let sole: T | undefined;
  for (const child of children) {
    if (isWhitespaceText(child)) continue;
    if (sole) return undefined;
    sole = child;
  }
  return sole;
}
