/**
 * eachElement stands in for unist-util-visit's `visit(tree, 'element', …)` in our rehype plugins,
 * so it must visit the same elements in the same order and leave the same tree for every answer a
 * plugin gives: nothing, 'skip', the element replaced, or the element removed with its index.
 */
import fc from 'fast-check';
import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { eachElement, isWhitespaceText, soleContent, type EachElementAction, type ElementParent } from '../../src/markdown/each-element.ts';

// Tag names choose what the visitor does: `del` is removed, `ins` replaced by a <span> and skipped,
// `mark` replaced without skipping (the walk goes on into the old element), `s` skipped.
const tags = ['p', 'a', 'del', 'ins', 'mark', 's', 'em'] as const;

const content: fc.Arbitrary<ElementContent> = fc.letrec<{ node: ElementContent }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('text' as const), value: fc.constantFrom('', ' ', '\n\t', 'a', ' b ') }),
    fc.record({ type: fc.constant('comment' as const), value: fc.constant('note') }),
    fc.record({
      type: fc.constant('element' as const),
      tagName: fc.constantFrom(...tags),
      properties: fc.constant({}),
      children: fc.array(tie('node'), { maxLength: 4 }),
    }),
  ),
})).node;

const tree: fc.Arbitrary<Root> = fc.array(content, { maxLength: 6 }).map((children) => ({ type: 'root', children }));

/** The same visitor for both walks; it logs what it sees (tag, index, parent's tag). */
function visitor(log: string[]) {
  return (node: Element, index: number | undefined, parent: ElementParent | undefined): EachElementAction => {
    log.push(`${node.tagName}@${index} in ${parent?.type === 'element' ? parent.tagName : 'root'}`);
    if (!parent || index === undefined) return;
    if (node.tagName === 'del') {
      parent.children.splice(index, 1);
      return index;
    }
    if (node.tagName === 'ins') {
      parent.children[index] = { type: 'element', tagName: 'span', properties: {}, children: [] };
      return SKIP;
    }
    if (node.tagName === 'mark') {
      parent.children[index] = { type: 'element', tagName: 'b', properties: {}, children: [...node.children] };
      return;
    }
    if (node.tagName === 's') return 'skip';
    return;
  };
}

describe('eachElement', () => {
  it('visits and changes trees exactly as visit(tree, "element") does', () => {
    fc.assert(
      fc.property(tree, (root) => {
        const viaVisit = structuredClone(root);
        const viaEach = structuredClone(root);
        const visitLog: string[] = [];
        const eachLog: string[] = [];
        visit(viaVisit, 'element', visitor(visitLog));
        eachElement(viaEach, visitor(eachLog));
        expect(eachLog).toEqual(visitLog);
        expect(viaEach).toEqual(viaVisit);
      }),
      { numRuns: 2000 },
    );
  });

  it('goes into nested elements and past removed ones', () => {
    const root: Root = {
      type: 'root',
      children: [
        { type: 'element', tagName: 'del', properties: {}, children: [] },
        { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'element', tagName: 'em', properties: {}, children: [] }] },
      ],
    };
    const log: string[] = [];
    eachElement(root, visitor(log));
    expect(log).toEqual(['del@0 in root', 'p@0 in root', 'em@0 in p']);
    expect(root.children.map((node) => (node.type === 'element' ? node.tagName : node.type))).toEqual(['p']);
  });
});

describe('soleContent and isWhitespaceText', () => {
  const text = (value: string) => ({ type: 'text', value });
  const img = { type: 'element', tagName: 'img' };

  it('finds the one child that is not whitespace', () => {
    expect(soleContent([text('\n '), img, text('\t')])).toBe(img);
    expect(soleContent([img])).toBe(img);
  });

  it('finds none beside other text, a second element or nothing', () => {
    expect(soleContent([img, text(' caption')])).toBeUndefined();
    expect(soleContent([img, img])).toBeUndefined();
    expect(soleContent([text(' ')])).toBeUndefined();
    expect(soleContent([])).toBeUndefined();
  });

  it('counts as whitespace what String.prototype.trim removes', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(' ', '\n', '\u00a0', '\u2003', '\ufeff', '\u200b', 'a', '\u3000') }), (value) => {
        expect(isWhitespaceText(text(value))).toBe(value.trim() === '');
      }),
    );
    expect(isWhitespaceText({ type: 'comment', value: ' ' })).toBe(false);
  });
});
