/**
 * One page's part of the CSP pass (scripts/lib/finish-dist.ts): the policy facts of a page, the
 * finished page with its CSP `<meta>`, and writing it into the staging folder. Shared by the
 * build wrapper's thread and the worker threads that finish the pages no earlier build saw
 * (scripts/lib/finish-worker.ts), so both write exactly the same bytes.
 */
import { createHash } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { urlPathOfFile } from '../../src/lib/changed-paths.ts';
import { contentSecurityPolicy, EMBED_FRAME_SOURCES } from '../../src/lib/content-security-policy.ts';
import { writeOver } from '../../src/integrations/dist-files.ts';
import { inspectPage, withCspMeta, type PageInlineCode } from '../../src/lib/page-inline-code.ts';

/** What a page's policy depends on beyond the page itself. */
export interface SiteFacts {
  /** The site ships WebAssembly (Pagefind's search). */
  wasm: boolean;
  /** URL paths of the stylesheets that load `data:` URLs. */
  stylesheetsWithDataUrls: readonly string[];
  /**
   * Set while the search index is still being written into the folder (the facts so far): the URL
   * paths of the stylesheets it holds already. See waitsForSearchIndex().
   */
  stylesheetsSoFar?: readonly string[] | undefined;
}

export interface PageFacts {
  /** The page runs script on a site with WebAssembly. */
  wasm: boolean;
  /** The page, or a stylesheet it links, uses `data:` images. */
  dataImages: boolean;
}

export function pageFacts(page: string, found: PageInlineCode, site: SiteFacts): PageFacts {
  const pageUrl = new URL(urlPathOfFile(page), 'https://site.invalid');
  return {
    wasm: site.wasm && found.runsScript,
    dataImages: found.usesDataImages || found.stylesheets.some((href) => site.stylesheetsWithDataUrls.includes(new URL(href, pageUrl).pathname)),
  };
}

/**
 * Whether the page's facts may still change with what the search index brings (its WebAssembly and
 * its stylesheet, which loads `data:` images): a page that runs script, or that links a stylesheet
 * the folder does not hold yet or one under /pagefind/ (Pagefind's own folder), waits for the final
 * facts. Every other page gets the same facts before and after, so it can be finished meanwhile.
 */
export function waitsForSearchIndex(page: string, found: PageInlineCode, site: SiteFacts): boolean {
  const soFar = site.stylesheetsSoFar;
  if (!soFar) return false;
  if (found.runsScript) return true;
  const pageUrl = new URL(urlPathOfFile(page), 'https://site.invalid');
  return found.stylesheets.some((href) => {
    const url = new URL(href, pageUrl);
    return url.origin === pageUrl.origin && (url.pathname.startsWith('/pagefind/') || !soFar.includes(url.pathname));
  });
}

/** Why the page cannot get its CSP `<meta>`, if it cannot: each stops the build. */
export function pageProblems(page: string, found: PageInlineCode): string[] {
  const problems = found.blockedMarkup.map(
    (markup) => `${page}: ${markup} would be blocked by the Content-Security-Policy; use a stylesheet or a script file instead.`,
  );
  if (found.hasCspMeta) problems.push(`${page}: already has a Content-Security-Policy <meta>; the build writes it, so remove the page's own.`);
  if (found.metaOffset === undefined) problems.push(`${page}: has no <head> to put the Content-Security-Policy <meta> in.`);
  return problems;
}

/** The finished page is a function of the page Astro wrote, the policy code (in the cache's version) and these facts. */
export function finishedKey(digest: string, facts: PageFacts): string {
  return `${digest} ${facts.wasm ? 'wasm' : '-'} ${facts.dataImages ? 'data' : '-'}`;
}

/** The page with its CSP `<meta>` (the page's own hashes), and that finished page's SHA-256. */
export function finishedPage(html: string, found: PageInlineCode, facts: PageFacts): { bytes: Buffer; sha256: string } {
  const policy = contentSecurityPolicy({
    scriptHashes: found.scriptHashes,
    styleHashes: found.styleHashes,
    wasm: facts.wasm,
    dataImages: facts.dataImages,
    frameSources: EMBED_FRAME_SOURCES,
    forMeta: true,
  });
  const bytes = Buffer.from(withCspMeta(html, found.metaOffset!, policy));
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Puts the finished page at `fullPath`: a hard link to `previousPage` when the previous build
 * wrote it byte for byte the same (its manifest says so and the file still holds it), otherwise
 * the bytes: written into the file only if nothing else links to it, else replacing it (it may be
 * a link to Astro's cached copy: scripts/lib/cached-pages.ts). True when linked.
 */
export function writeFinished(fullPath: string, previousPage: string, previousHash: string | undefined, finished: { bytes: Buffer; sha256: string }): boolean {
  if (previousHash === finished.sha256 && linkSame(previousPage, fullPath, finished.bytes)) return true;
  writeOver(fullPath, finished.bytes);
  return false;
}

/**
 * Puts a hard link to `previous` at `target` when `previous` holds exactly `bytes` (a manifest
 * can be out of date: dist/ edited by hand). False, and nothing changed, when it does not or
 * cannot (another file system): the caller writes the bytes.
 */
function linkSame(previous: string, target: string, bytes: Buffer): boolean {
  try {
    return readFileSync(previous).equals(bytes) && linkOver(previous, target);
  } catch {
    return false;
  }
}

/** Replaces `target` with a hard link to `previous`; false, and `target` untouched, if it cannot. */
export function linkOver(previous: string, target: string): boolean {
  const temporary = `${target}.link-${process.pid}`;
  try {
    linkSync(previous, temporary);
    renameSync(temporary, target);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}

/** A page no earlier build saw, to be inspected and finished. */
export interface NewPage {
  page: string;
  fullPath: string;
  /** The SHA-256 of the page as the build read it (builtPages). */
  digest: string;
  previousPage: string;
  previousHash: string | undefined;
}

export interface FinishedNewPage {
  page: string;
  digest: string;
  found: PageInlineCode;
  facts: PageFacts;
  /** The finished page's SHA-256; unset when the page has problems (pageProblems) and was not written. */
  sha256?: string;
  /** Whether it was linked from the previous build rather than written. */
  linked?: boolean;
  /** Inspected but not finished: it waits for the search index (waitsForSearchIndex()). */
  waiting?: boolean;
}

/** The error for a page that changed, or appeared, after the build read the pages' hashes. */
export function writtenAfterRead(page: string): Error {
  return new Error(`${page} was written after the build's pages were read; nothing may write pages between the search index and the CSP pass.`);
}

/** Reads, inspects (parse5) and finishes a page no earlier build saw (or only inspects it, if it waits for the search index). */
export function finishNewPage({ page, fullPath, digest, previousPage, previousHash }: NewPage, site: SiteFacts): FinishedNewPage {
  const bytes = readFileSync(fullPath);
  if (createHash('sha256').update(bytes).digest('hex') !== digest) {
    throw writtenAfterRead(page);
  }
  const html = bytes.toString('utf8');
  const found = inspectPage(html);
  const facts = pageFacts(page, found, site);
  if (waitsForSearchIndex(page, found, site)) return { page, digest, found, facts, waiting: true };
  if (pageProblems(page, found).length > 0) return { page, digest, found, facts };
  const finished = finishedPage(html, found, facts);
  const linked = writeFinished(fullPath, previousPage, previousHash, finished);
  return { page, digest, found, facts, sha256: finished.sha256, linked };
}
