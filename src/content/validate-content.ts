/**
 * The content validator: reads a whole content directory and reports EVERY editor mistake at once
 * (schema errors, unknown sections and authors, URL clashes, missing or escaping images, missing
 * alt text, impossible date orders, empty stories, YAML and encoding errors), each naming the file,
 * the line where there is one, the field, what was found and the fix.
 *
 * It runs in plain Node, without Astro, so `npm run check` and the first step of `npm run build`
 * take well under a second. It uses the same schemas (`schemas.ts`) and the same front matter
 * reader (`front-matter.ts`) as the Astro collections, so what passes here loads there.
 *
 * Drafts and embargoed stories are validated too (a broken embargoed story would break the build
 * that publishes it), but their problems never quote what the editor wrote: only file, line and
 * field, so nothing unpublished reaches a build log.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { z } from 'astro/zod';
import { YAMLException } from 'js-yaml';
import { parseDateTime } from '../lib/dates.ts';
import { isPublished } from '../lib/publishing.ts';
import { describeIssues } from '../lib/schema-issues.ts';
import { addressProblems, articlePath, authorPath, normalizePath, searchPath, sectionPath, slugify, tagPath, TAGS_INDEX_PATH } from '../lib/urls.ts';
import { siteConfig } from '../site.config.ts';
import { displayPath } from './editor-error.ts';
import { fieldLines, loadFrontMatterYaml, splitMarkdown } from './front-matter.ts';
import { markdownImagesQuick } from './markdown-images.ts';
import { articleSchema, authorSchema, idFromPath, sectionSchema } from './schemas.ts';

export interface ContentProblem {
  /** The file, as `displayPath` shows it. */
  file: string;
  /** 1-based line in the file, where there is one. */
  line?: number | undefined;
  /** Field path such as `hero.alt` or `corrections[1].date`. */
  field?: string | undefined;
  /** What is wrong and how to fix it. */
  message: string;
}

export interface ValidateOptions {
  /** The content directory (`content/` or `$BROADSHEET_CONTENT`). */
  contentDir: string;
  /** The build's "now": decides which stories are embargoed (and so must not be quoted). */
  now: Date;
  /** Where file names in messages are relative to. Default: the current directory. */
  cwd?: string;
  /** Where Markdown images written with a leading `/` are looked for. Default: `<cwd>/public`. */
  publicDir?: string;
}

/** A story that passed the schema, with what scheduling and URL checks need. */
export interface ValidatedArticle {
  file: string;
  url: string;
  published: Date;
  draft: boolean;
}

export interface ValidationResult {
  problems: ContentProblem[];
  articles: ValidatedArticle[];
}

// The validator's stand-in for Astro's image(): the schema checks that a path is written; the
// validator then checks the file itself (exists, inside the content directory) with a line number.
const imagePath = () => z.string().trim().min(1, 'write the path of the picture, relative to this file');
const articleValidator = articleSchema(imagePath);
const authorValidator = authorSchema(imagePath);

/** Validates every article, section and author under `contentDir`. */
export function validateContent(options: ValidateOptions): ValidationResult {
  const cwd = options.cwd ?? process.cwd();
  const root = path.resolve(options.contentDir);
  const publicDir = options.publicDir ?? path.join(cwd, 'public');
  const problems: ContentProblem[] = [];
  const show = (file: string) => displayPath(file, cwd);

  const sectionIds = validateYamlFolder(path.join(root, 'sections'), sectionSchema, problems, show, (file) => {
    const reserved = addressProblems.sectionId(idFromPath({ entry: path.basename(file) }));
    if (reserved) problems.push({ file: show(file), message: reserved });
  });
  const authorIds = validateYamlFolder(path.join(root, 'authors'), authorValidator, problems, show, (file, data, lines) => {
    const photo = (data as { photo?: unknown }).photo;
    if (typeof photo === 'string') {
      const problem = checkLocalFile(photo, file, root, cwd);
      if (problem) problems.push({ file: show(file), line: lines.get('photo'), field: 'photo', message: problem });
    }
  });

  const articlesDir = path.join(root, 'articles');
  const articles: ValidatedArticle[] = [];
  const byUrl = new Map<string, UrlOwner[]>();
  const aliasUses: { alias: string; file: string; line: number | undefined; field: string; reveal: boolean }[] = [];
  const tagNames = new Set<string>();

  for (const file of listFiles(articlesDir, /\.md$/)) {
    const shown = show(file);
    const add = (problem: Omit<ContentProblem, 'file'>) => problems.push({ file: shown, ...problem });
    const source = decodeUtf8(readFileSync(file));
    if ('problem' in source) {
      add(source.problem);
      continue;
    }
    const { yaml, yamlStartLine, body, bodyStartLine } = splitMarkdown(source.text);
    if (yaml === undefined) {
      add({ line: 1, message: 'has no front matter. Start the file with a line "---", the fields (title, section, published), then another "---".' });
      continue;
    }
    let raw: unknown;
    try {
      raw = loadFrontMatterYaml(yaml);
    } catch (error) {
      add(yamlProblem(error, yamlStartLine));
      continue;
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      add({ line: yamlStartLine, message: 'the front matter must be fields, one "field: value" per line, not a list or a single value.' });
      continue;
    }
    const data = raw as Record<string, unknown>;
    const lines = offsetLines(fieldLines(yaml), yamlStartLine);
    const lineOf = (field: string) => nearestLine(lines, field);
    const reveal = isKnownPublished(data, options.now);

    const parsed = articleValidator.safeParse(data, { reportInput: true });
    if (!parsed.success) {
      for (const issue of describeIssues(parsed.error.issues, articleValidator, { revealValues: reveal, data })) {
        const key = issue.path.join('.');
        add({ line: lineOf(key), field: fieldName(issue.path), message: issue.message });
      }
    }

    // Checks beyond the schema run on whatever is readable, so one build reports everything.
    const published = typeof data['published'] === 'string' ? parseDateTime(data['published'], siteConfig.timezone) : null;
    if (published && typeof data['updated'] === 'string') {
      const updated = parseDateTime(data['updated'], siteConfig.timezone);
      if (updated && updated < published) {
        add({ line: lineOf('updated'), field: 'updated', message: 'is before the story was published. An update comes after publication: correct the date, or remove "updated".' });
      }
    }
    if (published && Array.isArray(data['corrections'])) {
      data['corrections'].forEach((correction: unknown, i) => {
        const date = (correction as { date?: unknown } | null)?.date;
        const when = typeof date === 'string' ? parseDateTime(date, siteConfig.timezone) : null;
        if (when && when < published) {
          add({ line: lineOf(`corrections.${i}.date`), field: `corrections[${i}].date`, message: 'is before the story was published. A correction comes after publication: correct the date.' });
        }
      });
    }
    if (typeof data['section'] === 'string' && !sectionIds.includes(data['section'])) {
      add({ line: lineOf('section'), field: 'section', message: unknownId('section', data['section'], sectionIds, 'sections', reveal) });
    }
    if (Array.isArray(data['authors'])) {
      data['authors'].forEach((id: unknown, i) => {
        if (typeof id === 'string' && !authorIds.includes(id)) {
          add({ line: lineOf(`authors.${i}`), field: `authors[${i}]`, message: unknownId('author', id, authorIds, 'authors', reveal) });
        }
      });
    }
    const hero = data['hero'];
    if (hero && typeof hero === 'object' && typeof (hero as { src?: unknown }).src === 'string') {
      const problem = checkLocalFile((hero as { src: string }).src, file, root, cwd);
      if (problem) add({ line: lineOf('hero.src'), field: 'hero.src', message: problem });
    }
    if (body.trim() === '') {
      add({ line: bodyStartLine, message: 'the story has no text. Write the story below this closing "---" of the front matter.' });
    } else {
      checkMarkdownImages(body, bodyStartLine, file, root, cwd, publicDir).forEach(add);
    }

    const id = idFromPath({ entry: path.relative(articlesDir, file).split(path.sep).join('/') });
    const slug = typeof data['slug'] === 'string' ? data['slug'] : id.split('/').at(-1)!;
    if (typeof data['section'] === 'string') {
      const reservedSlug = addressProblems.articleSlug(slug, data['section']);
      if (reservedSlug) add({ line: typeof data['slug'] === 'string' ? lineOf('slug') : undefined, field: 'slug', message: reservedSlug });
      const url = articlePath(data['section'], slug);
      // The line to change is the slug's, when the story sets one; otherwise the file name decides.
      byUrl.set(url, [...(byUrl.get(url) ?? []), { file: shown, reveal, line: typeof data['slug'] === 'string' ? lineOf('slug') : undefined }]);
    }
    if (Array.isArray(data['tags'])) {
      data['tags'].forEach((tag: unknown, i) => {
        if (typeof tag !== 'string') return;
        const problem = addressProblems.tag(tag);
        if (problem) add({ line: lineOf(`tags.${i}`), field: `tags[${i}]`, message: reveal ? problem : problem.replace(/^"[^"]*"/, 'the tag') });
        else if (reveal) tagNames.add(tag);
      });
    }
    if (Array.isArray(data['aliases'])) {
      data['aliases'].forEach((alias: unknown, i) => {
        if (typeof alias === 'string' && alias.startsWith('/')) {
          aliasUses.push({ alias: normalizePath(alias), file: shown, line: lineOf(`aliases.${i}`), field: `aliases[${i}]`, reveal });
        }
      });
    }
    if (parsed.success) {
      const { section, published, draft } = parsed.data;
      articles.push({ file: shown, url: articlePath(section, slug), published, draft });
    }
  }

  // Pages of the site itself: an alias at one of these addresses would hide the page.
  const sitePages = new Map<string, string>([
    ['/', 'the front page'],
    [searchPath, 'the search page'],
    ['/authors/', 'the authors page'],
    [TAGS_INDEX_PATH, 'the index of topics'],
  ]);
  for (const id of sectionIds) sitePages.set(sectionPath(id), `the section page of "${id}"`);
  for (const id of authorIds) sitePages.set(authorPath(id), `the author page of "${id}"`);
  for (const tag of tagNames) {
    const slug = slugify(tag);
    if (slug) sitePages.set(tagPath(slug), `the topic page "${tag}"`);
  }
  problems.push(...urlClashes(byUrl, aliasUses, sitePages));
  return { problems, articles };
}

/** Stories whose words may be quoted in messages: known to be live. Anything unsure stays quiet. */
function isKnownPublished(data: Record<string, unknown>, now: Date): boolean {
  if (data['draft'] !== undefined && data['draft'] !== false) return false;
  const published = typeof data['published'] === 'string' ? parseDateTime(data['published'], siteConfig.timezone) : null;
  return published !== null && isPublished({ published }, now);
}

interface UrlOwner {
  file: string;
  reveal: boolean;
  line: number | undefined;
}

function urlClashes(
  byUrl: Map<string, UrlOwner[]>,
  aliasUses: { alias: string; file: string; line: number | undefined; field: string; reveal: boolean }[],
  sitePages: Map<string, string>,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [url, owners] of byUrl) {
    if (owners.length < 2) continue;
    const shownUrl = owners.every((o) => o.reveal) ? ` ${url}` : '';
    for (const owner of owners) {
      const others = owners.filter((o) => o !== owner).map((o) => o.file);
      problems.push({
        file: owner.file,
        line: owner.line,
        message: `has the same URL${shownUrl} as ${others.join(', ')}. Two stories cannot share a URL: give one a different "slug" (or file name) or section.`,
      });
    }
  }
  const aliasOwners = new Map<string, string[]>();
  for (const use of aliasUses) aliasOwners.set(use.alias, [...(aliasOwners.get(use.alias) ?? []), use.file]);
  for (const use of aliasUses) {
    const urlOwner = byUrl.get(use.alias)?.find((o) => o.file !== use.file);
    const shown = use.reveal ? ` ${use.alias}` : '';
    if (urlOwner) {
      problems.push({ file: use.file, line: use.line, field: use.field, message: `the alias${shown} is the URL of another story, ${urlOwner.file}. Remove the alias, or change that story's URL.` });
    }
    const page = sitePages.get(use.alias);
    if (page) {
      problems.push({ file: use.file, line: use.line, field: use.field, message: `the alias${shown} is the address of ${page}, which it would hide. Remove the alias.` });
    }
    const sharers = (aliasOwners.get(use.alias) ?? []).filter((f) => f !== use.file);
    if (sharers.length) {
      problems.push({ file: use.file, line: use.line, field: use.field, message: `the alias${shown} is also an alias of ${sharers.join(', ')}. An old URL can lead to one story only: remove it from all but one.` });
    }
  }
  return problems;
}

function unknownId(kind: 'section' | 'author', id: string, known: string[], folder: string, reveal: boolean): string {
  const named = reveal ? ` "${id}"` : '';
  return `the ${kind}${named} does not exist. Use one of: ${known.join(', ') || '(none yet)'}, or add ${folder}/${reveal ? id : `<id>`}.yaml.`;
}

/** `hero.alt`, `corrections[1].date`. */
function fieldName(segments: (string | number)[]): string | undefined {
  if (!segments.length) return undefined;
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');
}

function offsetLines(lines: Map<string, number>, startLine: number): Map<string, number> {
  return new Map([...lines].map(([key, line]) => [key, line + startLine - 1]));
}

/** The line of a field, or of its closest parent that has one (`hero` for a missing `hero.alt`). */
function nearestLine(lines: Map<string, number>, key: string): number | undefined {
  const parts = key.split('.');
  while (parts.length) {
    const line = lines.get(parts.join('.'));
    if (line !== undefined) return line;
    parts.pop();
  }
  return undefined;
}

/** `%20` and friends decoded; a malformed escape is kept as written (the file check then reports it). */
function safeDecodeUri(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

/** Why a picture path is unusable, or undefined when it names a file inside the content directory. */
function checkLocalFile(src: string, fromFile: string, root: string, cwd: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
    return `"${src}" is a web address. Put the picture in the story's folder and write its path, such as ./photo.jpg.`;
  }
  const decoded = safeDecodeUri(src);
  const target = path.resolve(path.dirname(fromFile), decoded);
  const relative = path.relative(root, target);
  if (path.isAbsolute(decoded) || relative.startsWith('..') || path.isAbsolute(relative)) {
    return `"${src}" points outside the content folder. Pictures must sit inside it, best in the story's own folder: write a path such as ./photo.jpg.`;
  }
  if (!existsSync(target) || !statSync(target).isFile()) {
    return `"${src}" does not exist. Check the spelling, or copy the picture to ${displayPath(target, cwd)}.`;
  }
  return undefined;
}

/** Inline pictures: each must exist inside the content directory and have alt text. */
function checkMarkdownImages(
  body: string,
  bodyStartLine: number,
  file: string,
  root: string,
  cwd: string,
  publicDir: string,
): Omit<ContentProblem, 'file'>[] {
  const problems: Omit<ContentProblem, 'file'>[] = [];
  // Parsing each body with micromark was most of the validator's time (src/content/markdown-images.ts).
  const images = markdownImagesQuick(body).map((image) => ({ ...image, line: image.line + bodyStartLine - 1 }));
  for (const image of images) {
    const { url } = image;
    if (!image.alt.trim()) {
      problems.push({ line: image.line, message: `the picture "${url}" has no alt text. Describe it between the brackets: ![A farmer carrying salt](${url}).` });
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue; // Remote pictures are another module's concern.
    if (url.startsWith('/')) {
      const target = path.join(publicDir, safeDecodeUri(url));
      if (!path.relative(publicDir, target).startsWith('..') && existsSync(target)) continue;
    }
    const problem = checkLocalFile(url, file, root, cwd);
    if (problem) problems.push({ line: image.line, message: `the picture ${problem}` });
  }
  return problems;
}

/** The file's text, or where its bytes are not UTF-8. */
function decodeUtf8(bytes: Buffer): { text: string } | { problem: Omit<ContentProblem, 'file'> } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: { line: 1, message: 'is saved as UTF-16. Save it as UTF-8 (in most editors: Save As, Encoding: UTF-8).' } };
  }
  if (isUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes) };
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (!isUtf8(bytes.subarray(start, i))) break;
      line++;
      start = i + 1;
    }
  }
  return {
    problem: {
      line,
      message: 'is not valid UTF-8: this line has characters saved in another encoding (such as Latin-1 or Windows-1252). Save the file as UTF-8 and check the accented letters on this line.',
    },
  };
}

function yamlProblem(error: unknown, yamlStartLine: number): Omit<ContentProblem, 'file'> {
  if (!(error instanceof YAMLException)) throw error;
  const line = error.mark ? yamlStartLine + error.mark.line : yamlStartLine;
  // js-yaml words the alias limit for programmers; say what the editor wrote instead.
  const reason = /maxAliases/.test(error.reason) ? 'it uses an alias, *name' : error.reason;
  const fix = /tab characters/.test(reason)
    ? 'Indent with spaces, not tabs.'
    : /duplicated mapping key/.test(reason)
      ? 'This field is written twice: keep one.'
      : /alias/.test(reason)
        ? 'Anchors and aliases (&name, *name) are not allowed in front matter: write the value out. A value that starts with * must be in quotes.'
        : 'Check the quotes and the indentation on this line and the one before; text with a colon or a quote in it is safest in double quotes.';
  return { line, message: `the front matter is not valid YAML (${reason}). ${fix}` };
}

/** YAML files of a folder (sections, authors): each validated; returns the ids that exist. */
function validateYamlFolder(
  dir: string,
  schema: z.ZodType,
  problems: ContentProblem[],
  show: (file: string) => string,
  extra: (file: string, data: unknown, lines: Map<string, number>) => void,
): string[] {
  const ids: string[] = [];
  for (const file of listFiles(dir, /\.ya?ml$/, false)) {
    ids.push(idFromPath({ entry: path.basename(file) }));
    const add = (problem: Omit<ContentProblem, 'file'>) => problems.push({ file: show(file), ...problem });
    const source = decodeUtf8(readFileSync(file));
    if ('problem' in source) {
      add(source.problem);
      continue;
    }
    let data: unknown;
    try {
      data = loadFrontMatterYaml(source.text);
    } catch (error) {
      const problem = yamlProblem(error, 1);
      add({ ...problem, message: problem.message.replace('the front matter is', 'the file is') });
      continue;
    }
    const lines = fieldLines(source.text);
    const parsed = schema.safeParse(data ?? {}, { reportInput: true });
    if (!parsed.success) {
      for (const issue of describeIssues(parsed.error.issues, schema, { revealValues: true, data })) {
        add({ line: nearestLine(lines, issue.path.join('.')), field: fieldName(issue.path), message: issue.message });
      }
    }
    extra(file, data ?? {}, lines);
  }
  return ids.sort();
}

/** The files Astro's glob loader reads: matching names, case-sensitive, skipping dot-files and dot-folders. */
function listFiles(dir: string, pattern: RegExp, recursive = true): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !path.relative(dir, file).split(path.sep).some((part) => part.startsWith('.')))
    .sort();
}

/** `file:line: field: message`, the form editors' tools and terminals link to. */
export function formatProblem(problem: ContentProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${String(problem.line)}`;
  return `${where}: ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

/** The whole report, sorted by file and line. */
export function formatProblems(problems: readonly ContentProblem[]): string {
  const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file, 'en') || (a.line ?? 0) - (b.line ?? 0));
  const count = `${String(problems.length)} problem${problems.length === 1 ? '' : 's'}`;
  return `The content has ${count}:\n${sorted.map(formatProblem).join('\n')}`;
}
