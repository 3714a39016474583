import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { closestName, describeFound, describeIssues, fieldsAt } from '../../src/lib/schema-issues.ts';

const schema = z.strictObject({
  title: z.string(),
  draft: z.boolean().default(false),
  hero: z.strictObject({ src: z.string(), alt: z.string() }).optional(),
  corrections: z.array(z.strictObject({ date: z.string(), text: z.string() })).default([]),
});

describe('closestName', () => {
  it('suggests the field within two edits', () => {
    expect(closestName('titel', ['title', 'dek'])).toBe('title');
    expect(closestName('Tittle', ['title', 'dek'])).toBe('title');
  });
  it('suggests nothing for a name far from every field', () => {
    expect(closestName('headline', ['title', 'dek'])).toBeUndefined();
  });
});

describe('fieldsAt', () => {
  it('lists the fields allowed at a path, through optional values and lists', () => {
    expect(fieldsAt(schema, [])).toEqual(['title', 'draft', 'hero', 'corrections']);
    expect(fieldsAt(schema, ['hero'])).toEqual(['src', 'alt']);
    expect(fieldsAt(schema, ['corrections', 0])).toEqual(['date', 'text']);
    expect(fieldsAt(schema, ['title'])).toEqual([]);
  });
});

describe('describeFound', () => {
  it('names the kind of value, and quotes it only when allowed', () => {
    expect(describeFound('yes', true)).toBe('the text "yes"');
    expect(describeFound('yes', false)).toBe('text');
    expect(describeFound(12, true)).toBe('the number 12');
    expect(describeFound(null, false)).toBe('nothing (the field is empty)');
    expect(describeFound(['a'], true)).toBe('a list');
  });
});

describe('describeIssues', () => {
  const issuesOf = (data: unknown, revealValues = true) => {
    const result = schema.safeParse(data, { reportInput: true });
    return describeIssues(result.error!.issues, schema, { revealValues, data });
  };

  it('gives one problem per unknown field, with a suggestion and the allowed fields', () => {
    expect(issuesOf({ title: 'T', hero: { src: 'a', alt: 'b', atl: 'c' } })).toEqual([
      { path: ['hero', 'atl'], message: 'unknown field. Did you mean "alt"? Fields allowed here: src, alt.' },
    ]);
  });

  it('says a required field is missing rather than of the wrong type', () => {
    expect(issuesOf({})).toEqual([{ path: ['title'], message: 'is required but missing. Add it.' }]);
  });

  it('explains a YAML word where true or false is expected', () => {
    expect(issuesOf({ title: 'T', draft: 'no' })).toEqual([
      { path: ['draft'], message: 'expected true or false, found the text "no". Write true or false (yes, no, on and off are words here, not booleans).' },
    ]);
  });

  it('does not quote values when they must stay private', () => {
    expect(issuesOf({ title: 1234 }, false)).toEqual([{ path: ['title'], message: 'expected text, found a number. Put the value in quotes if it is meant as text.' }]);
  });
});
