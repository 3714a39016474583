/**
 * Front matter as Broadsheet reads it, shared by the Astro loader (`plain-dates-glob.ts`) and the
 * validator, so both see the same values. YAML's core schema keeps dates as text (read later in
 * the site timezone) and `yes`/`no`/`on` as words, not booleans. Aliases (`*name`) are refused:
 * an editor never needs them, and they are how a few lines of YAML expand into a huge value.
 */
import { extractFrontmatter } from '@astrojs/markdown-remark';
import { CORE_SCHEMA, EVENT_ID, getScalarValue, load, parseEvents, type Event } from 'js-yaml';

export const FRONT_MATTER_YAML = { schema: CORE_SCHEMA, maxAliases: 0 } as const;

/** Parses front matter YAML; throws js-yaml's YAMLException (with `mark.line`) on bad YAML. */
export function loadFrontMatterYaml(raw: string, filename?: string): unknown {
  return load(raw, { ...FRONT_MATTER_YAML, ...(filename === undefined ? {} : { filename }) });
}

export interface SplitMarkdown {
  /** The YAML between the `---` lines, or undefined when the file has no front matter. */
  yaml: string | undefined;
  /**
   * 1-based line of the file on which `yaml` begins: the opening `---` line, because Astro's
   * pattern keeps the line break after it. So line n of `yaml` is line `yamlStartLine + n - 1`.
   */
  yamlStartLine: number;
  /** The Markdown after the front matter (from the end of the closing `---`). */
  body: string;
  /** 1-based line of the file where `body` starts: the closing `---` line, or 1 without front matter. */
  bodyStartLine: number;
}

/** Splits a Markdown file into front matter and body the way Astro does (same pattern). */
export function splitMarkdown(source: string): SplitMarkdown {
  const yaml = extractFrontmatter(source);
  if (yaml === undefined) return { yaml, yamlStartLine: 1, body: source, bodyStartLine: 1 };
  const yamlStart = source.indexOf(yaml);
  const bodyStart = yamlStart + yaml.length + 3;
  return {
    yaml,
    yamlStartLine: lineAt(source, yamlStart),
    body: source.slice(bodyStart),
    bodyStartLine: lineAt(source, bodyStart),
  };
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The line (1-based, within `yaml`) of every field and list item, keyed by its path joined with
 * dots (`hero.alt`, `corrections.1.date`), so a schema problem can point at the line to fix.
 * Built from js-yaml's event stream, which carries source offsets; call it on YAML that loads.
 */
export function fieldLines(yaml: string): Map<string, number> {
  const lines = new Map<string, number>();
  const lineStarts = [0];
  for (let i = 0; i < yaml.length; i++) if (yaml.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  type Frame = { kind: 'map'; path: string[]; key: string | undefined } | { kind: 'seq'; path: string[]; index: number } | { kind: 'doc' };
  const stack: Frame[] = [];
  const startOf = (event: Event): number =>
    event.type === EVENT_ID.SCALAR ? event.valueStart : event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE ? event.start : -1;
  for (const event of parseEvents(yaml, {})) {
    if (event.type === EVENT_ID.DOCUMENT) {
      stack.push({ kind: 'doc' });
      continue;
    }
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const frame = stack.at(-1);
    let path: string[] | undefined;
    if (frame?.kind === 'map') {
      if (frame.key === undefined) {
        // A key. Only plain text keys name fields; anything else is left to the schema to reject.
        frame.key = event.type === EVENT_ID.SCALAR ? getScalarValue(yaml, event) : '';
        if (frame.key !== '') lines.set([...frame.path, frame.key].join('.'), lineAt(startOf(event)));
        continue;
      }
      path = [...frame.path, frame.key];
      frame.key = undefined;
    } else if (frame?.kind === 'seq') {
      path = [...frame.path, String(frame.index++)];
      const start = startOf(event);
      if (start >= 0) lines.set(path.join('.'), lineAt(start));
    } else {
      path = [];
    }
    if (event.type === EVENT_ID.MAPPING) stack.push({ kind: 'map', path, key: undefined });
    else if (event.type === EVENT_ID.SEQUENCE) stack.push({ kind: 'seq', path, index: 0 });
  }
  return lines;
}
