/**
 * Turns zod's issues into sentences an editor can act on: which field, what was expected, what was
 * found and how to fix it. zod's own messages ("Invalid input: expected string, received number")
 * are written for programmers; messages a schema sets on purpose (such as the slug rule) are kept.
 */
import type { z } from 'astro/zod';

export interface FieldIssue {
  /** Field path, such as `["hero", "alt"]` or `["corrections", 0, "date"]`. */
  path: (string | number)[];
  message: string;
}

export interface DescribeOptions {
  /**
   * Whether the values found may be quoted. False for drafts and embargoed stories, whose words
   * must not reach a build log before they are published.
   */
  revealValues: boolean;
  /** The value that was checked: where an issue does not say what it found (unions), it is looked up here. */
  data?: unknown;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list, such as [first, second] or one "- item" per line',
  object: 'a group of fields, each on its own indented line',
  date: 'a date',
};

const HINTS: Record<string, string> = {
  boolean: ' Write true or false (yes, no, on and off are words here, not booleans).',
  string: ' Put the value in quotes if it is meant as text.',
};

/** What kind of value was found, in words, and the value itself when it may be shown. */
export function describeFound(input: unknown, revealValues: boolean): string {
  if (input === null) return 'nothing (the field is empty)';
  if (Array.isArray(input)) return 'a list';
  switch (typeof input) {
    case 'string':
      return revealValues ? `the text ${quote(input)}` : 'text';
    case 'number':
      return revealValues ? `the number ${String(input)}` : 'a number';
    case 'boolean':
      return revealValues ? `${String(input)}` : 'true or false';
    case 'object':
      return 'a group of fields';
    default:
      return typeof input;
  }
}

function quote(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(short);
}

/** zod's default messages start like this; a message a schema wrote for editors does not. */
function isDefaultMessage(message: string): boolean {
  return /^(Invalid|Too (small|big)|Unrecognized key|Expected|Required)/.test(message);
}

/** Field names accepted at `path` of `schema`, for suggesting the right spelling of a misspelt one. */
export function fieldsAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let current: unknown = schema;
  const step = (node: unknown): unknown => {
    // Look through wrappers (optional, default, pipe) to the object or array inside.
    for (let i = 0; i < 10 && node; i++) {
      const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return node;
      if (def['type'] === 'optional' || def['type'] === 'default' || def['type'] === 'nullable') node = def['innerType'];
      else if (def['type'] === 'pipe') node = def['in'];
      else return node;
    }
    return node;
  };
  for (const segment of path) {
    current = step(current);
    const def = (current as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
    if (def?.['type'] === 'object') current = (def['shape'] as Record<string, unknown>)[String(segment)];
    else if (def?.['type'] === 'array') current = def['element'];
    else return [];
  }
  const def = (step(current) as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  return def?.['type'] === 'object' ? Object.keys(def['shape'] as Record<string, unknown>) : [];
}

/** The closest allowed name within two edits (`titel` -> `title`), if any. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** One editor-language problem per field (an unknown-fields issue becomes one per unknown field). */
export function describeIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, { revealValues, data }: DescribeOptions): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const input = issue.input === undefined ? valueAt(data, path) : issue.input;
    const found = revealValues && input !== undefined ? ` Found ${describeFound(input, true)}.` : '';
    if (input === undefined && issue.code !== 'unrecognized_keys') {
      out.push({ path, message: 'is required but missing. Add it.' });
      continue;
    }
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = fieldsAt(schema, path);
        for (const key of issue.keys) {
          const guess = closestName(key, allowed);
          out.push({
            path: [...path, key],
            message: `unknown field.${guess ? ` Did you mean "${guess}"?` : ''} Fields allowed here: ${allowed.join(', ')}.`,
          });
        }
        break;
      }
      case 'invalid_type': {
        const expected = EXPECTED[issue.expected] ?? issue.expected;
        const hint = HINTS[issue.expected] ?? '';
        out.push({ path, message: `expected ${expected}, found ${describeFound(input, revealValues)}.${hint}` });
        break;
      }
      case 'too_small':
        out.push({
          path,
          message: isDefaultMessage(issue.message)
            ? issue.origin === 'string'
              ? 'is empty. Write something, or remove the field.'
              : `is too small: at least ${String(issue.minimum)}.`
            : withStop(issue.message),
        });
        break;
      default:
        out.push({
          path,
          message: isDefaultMessage(issue.message) ? `is not valid here.${found}` : `${withStop(issue.message)}${found}`,
        });
    }
  }
  return out;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function withStop(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
