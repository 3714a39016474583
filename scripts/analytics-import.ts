/**
 * `npm run analytics:import -- <file>… [--format ga4|plausible|clf] [--out <csv>] [--merge]`
 *
 * Converts analytics exports into the analytics file Most Viewed reads (`date,path,views`).
 * The format is detected from each file's first lines unless --format names it. --out defaults
 * to analytics/pageviews.csv in the content folder (BROADSHEET_CONTENT, else content/).
 * Without --merge the output is replaced; with it, imported days and paths replace the same
 * rows in the existing file and every other row stays. The parsing lives in
 * src/lib/analytics-import.ts; this file only reads arguments and files.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isbot } from 'isbot';
import { displayPath } from '../src/content/editor-error.ts';
import { contentDir } from '../src/build-env.ts';
import { formatPageviewsCsv, ImportError, importFormats, importPageviews, mergePageviews, type ImportFormat } from '../src/lib/analytics-import.ts';
import { formatPageviewProblems, parsePageviewsCsv } from '../src/lib/pageviews.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE = 'Usage: npm run analytics:import -- <file>… [--format ga4|plausible|clf] [--out content/analytics/pageviews.csv] [--merge]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args: ReturnType<typeof parseOptions>;
function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      merge: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
try {
  args = parseOptions();
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}

if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const format = args.values.format as ImportFormat | undefined;
if (format !== undefined && !importFormats.includes(format)) fail(`--format is "${format}"; use one of ${importFormats.join(', ')}.\n${USAGE}`);
if (args.positionals.length === 0) fail(`Name the export or log file to import.\n${USAGE}`);

const sources = args.positionals.map((file) => {
  if (!existsSync(file)) fail(`${file}: no such file.`);
  return { file: displayPath(path.resolve(file)), text: readFileSync(file, 'utf8') };
});
const out = path.resolve(args.values.out ?? path.join(contentDir(), 'analytics', 'pageviews.csv'));

try {
  const { rows: imported, notes } = importPageviews(sources, format, { timezone: siteConfig.timezone, isBot: isbot });
  let rows = imported;
  if (args.values.merge && existsSync(out)) {
    const existing = parsePageviewsCsv(readFileSync(out, 'utf8'), displayPath(out));
    if (existing.problems.length) fail(`Cannot merge into ${displayPath(out)}; fix it first:\n${formatPageviewProblems(existing.problems)}`);
    rows = mergePageviews(existing.rows, imported);
  }
  for (const note of notes) console.warn(note);
  mkdirSync(path.dirname(out), { recursive: true });
  // Written beside the target and renamed over it, so a build never reads half a file.
  const temporary = `${out}.${process.pid}.tmp`;
  writeFileSync(temporary, formatPageviewsCsv(rows));
  renameSync(temporary, out);
  const days = [...new Set(imported.map((row) => row.date))].sort();
  const span = days.length ? ` (${days[0]} to ${days.at(-1)})` : '';
  console.log(`Imported ${imported.length} day-and-page rows${span}; wrote ${rows.length} rows to ${displayPath(out)}.`);
} catch (error) {
  if (error instanceof ImportError) fail(error.message);
  throw error;
}
