/**
 * Warnings from our Markdown plugins, where an editor will see them.
 *
 * A plugin records each warning on the vfile (`file.message()`), as unified tools expect, but
 * Astro drops vfile messages. So each warning is also handed to a reporter: by default Astro's
 * own logger, which `markdownWarnings()` (an integration in astro.config.mjs) captures when the
 * build starts, so the warning appears in `npm run build` output as `[WARN] [broadsheet:markdown]`.
 */
import { readFileSync } from 'node:fs';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { displayPath } from '../content/editor-error.ts';

/** Receives one formatted warning line, such as `content/articles/x.md:12:1: removed <script> …`. */
export type WarningReporter = (line: string) => void;

// Process-wide state because the logger only exists once Astro runs the integration hook, after
// the config (and the plugin options in it) were built; plugins read it at warning time. Kept on
// globalThis, not in a module variable: Astro loads this file twice (once with the config, once
// with the content loaders, whose render workers report through it), as two module instances.
const LOGGER = Symbol.for('broadsheet.markdownWarnings.logger');
const shared = globalThis as { [LOGGER]?: AstroIntegrationLogger };

// Set inside a render worker (src/content/markdown-worker.ts), which has no logger of its own and
// sends each warning to the main thread, where reportToBuildLog prints it.
let forward: WarningReporter | undefined;

/** Astro's logger when the build has one, else the console (plain unified use, tests). */
export const reportToBuildLog: WarningReporter = (line) => {
  if (forward) forward(line);
  else if (shared[LOGGER]) shared[LOGGER].warn(line);
  else console.warn(`[WARN] ${line}`);
};

/** Sends every warning the plugins report to `reporter` instead of the log (render workers). */
export function forwardWarnings(reporter: WarningReporter): void {
  forward = reporter;
}

/** An integration that hands Astro's logger to the Markdown plugins' warnings. */
export function markdownWarnings(): AstroIntegration {
  return {
    name: 'broadsheet:markdown',
    hooks: {
      'astro:config:setup': ({ logger }) => {
        shared[LOGGER] = logger;
      },
    },
  };
}

/** A quoted value cut to fit on a warning line. */
export function shorten(text: string, max = 70): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Astro hands the Markdown processor the body without its front matter, so positions count from
 * the body's first line. The editor's file has the front matter above it: find the body in the
 * file to report the line the editor sees. 0 when the file cannot be read (plain unified use).
 */
function bodyLineOffset(file: VFile): number {
  const cached = file.data['bodyLineOffset'];
  if (typeof cached === 'number') return cached;
  let offset = 0;
  const body = String(file.value);
  try {
    const source = file.path && body ? readFileSync(file.path, 'utf8') : '';
    const at = source.indexOf(body);
    if (at > 0) offset = source.slice(0, at).split('\n').length - 1;
  } catch {
    offset = 0;
  }
  file.data['bodyLineOffset'] = offset;
  return offset;
}

/**
 * Records a warning about `node` on the file and reports it as `file:line:column: text` (the
 * position is left out when the node has none, as with nodes a plugin made).
 */
export function warnAbout(file: VFile, node: Node | undefined, text: string, ruleId: string, report: WarningReporter): void {
  file.message(text, { place: node?.position, ruleId, source: 'broadsheet' });
  const start = node?.position?.start;
  const where = file.path ? displayPath(file.path) : 'Markdown';
  report(`${where}${start ? `:${start.line + bodyLineOffset(file)}:${start.column}` : ''}: ${text}`);
}
