/**
 * Pure helpers of the benchmark: reading Astro's build log into phase timings, and formatting the
 * results. Kept apart from the runner so they can be tested without a build.
 */

export interface PhaseTimings {
  /** Content layer sync and type generation (`[types] Generated …`). */
  contentSyncMs?: number | undefined;
  /** Vite bundling of the static entrypoints (all `[vite] ✓ built in …` lines). */
  bundleMs?: number | undefined;
  /** Rendering every page (`generating static routes … ✓ Completed in …`). */
  renderMs?: number | undefined;
  /** Resizing and encoding images, or copying them from the cache (`generating optimized images …`). */
  imagesMs?: number | undefined;
  /** Astro's own total (`N page(s) built in …`). */
  astroTotalMs?: number | undefined;
  /** Search indexing, when the log says how long it took (Pagefind). */
  searchIndexMs?: number | undefined;
  /** Images Astro took from its cache rather than encoding. */
  imagesReused: number;
  /** Images Astro encoded in this build. */
  imagesEncoded: number;
}

/** `1.23s`, `648ms`, `2m 3s` as milliseconds. */
export function parseDuration(text: string): number | undefined {
  const minutes = /(\d+(?:\.\d+)?)m\s*(\d+(?:\.\d+)?)s/.exec(text);
  if (minutes) return (Number(minutes[1]) * 60 + Number(minutes[2])) * 1000;
  const match = /(\d+(?:\.\d+)?)\s*(ms|s)\b/.exec(text);
  if (!match) return undefined;
  return match[2] === 'ms' ? Number(match[1]) : Number(match[1]) * 1000;
}

// The log is coloured unless NO_COLOR is set; strip escapes anyway so a coloured log parses too.
const ANSI = /\u001b\[[0-9;]*m/g;

export function parseAstroLog(log: string): PhaseTimings {
  const timings: PhaseTimings = { imagesReused: 0, imagesEncoded: 0 };
  let section: 'routes' | 'images' | undefined;
  for (const raw of log.split('\n')) {
    const line = raw.replace(ANSI, '');
    if (line.includes('generating static routes')) section = 'routes';
    else if (line.includes('generating optimized images')) section = 'images';
    if (/\[types\] Generated/.test(line)) timings.contentSyncMs = parseDuration(line.split('Generated')[1]!);
    else if (/\[vite\] ✓ built in/.test(line)) timings.bundleMs = (timings.bundleMs ?? 0) + (parseDuration(line.split('built in')[1]!) ?? 0);
    else if (/page\(s\) built in/.test(line)) timings.astroTotalMs = parseDuration(line.split('built in')[1]!);
    else if (/✓ Completed in/.test(line) && !line.includes('[build]') && section) {
      const ms = parseDuration(line.split('Completed in')[1]!);
      if (section === 'routes') timings.renderMs = ms;
      else timings.imagesMs = ms;
      section = undefined;
    } else if (/pagefind/i.test(line) && /(\d+(?:\.\d+)?)\s*(ms|s)\b/.test(line)) {
      timings.searchIndexMs = parseDuration(line);
    }
    if (/▶ .*\(reused cache entry\)/.test(line)) timings.imagesReused++;
    else if (/▶ .*\(before: /.test(line)) timings.imagesEncoded++;
  }
  return timings;
}

export interface RunResult {
  name: string;
  description: string;
  status: 'ok' | 'failed' | 'timed out';
  wallMs: number;
  msPerArticle: number;
  peakRssMb: number;
  pages: number;
  images: number;
  phases: PhaseTimings;
  note?: string | undefined;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  astro: string;
  os: string;
  date: string;
  commit: string;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`;
}

export function resultsTable(runs: RunResult[]): string {
  const header = ['build', 'status', 'wall', 'per article', 'peak memory', 'pages', 'images', 'content sync', 'bundle', 'render', 'images phase', 'other'];
  const rows = runs.map((run) => {
    const known = (run.phases.contentSyncMs ?? 0) + (run.phases.bundleMs ?? 0) + (run.phases.renderMs ?? 0) + (run.phases.imagesMs ?? 0);
    return [
      run.name,
      run.status,
      seconds(run.wallMs),
      `${run.msPerArticle.toFixed(2)} ms`,
      `${run.peakRssMb.toFixed(0)} MB`,
      String(run.pages),
      `${run.images} (${run.phases.imagesEncoded} encoded)`,
      seconds(run.phases.contentSyncMs),
      seconds(run.phases.bundleMs),
      seconds(run.phases.renderMs),
      seconds(run.phases.imagesMs),
      seconds(Math.max(0, run.wallMs - known)),
    ];
  });
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function machineLine(machine: MachineInfo): string {
  return `${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB memory, ${machine.os}, Node ${machine.node}, Astro ${machine.astro}, ${machine.date}, commit ${machine.commit}`;
}

export interface BenchReport {
  command: string;
  corpus: { articles: number; seed: number; textOnly: boolean; photos: number; photoSize: string | null; photoDir: string; files: number };
  builder: string;
  machine: MachineInfo;
  runs: RunResult[];
}

export function reportMarkdown(report: BenchReport): string {
  const { corpus, runs } = report;
  const notes = runs.filter((r) => r.note).map((r) => `- **${r.name}**: ${r.note}`);
  const photos = corpus.textOnly
    ? 'no photos'
    : `a hero and one inline figure per article from a pool of ${corpus.photos} generated ${corpus.photoSize} JPEGs`;
  return [
    `# Benchmark: ${corpus.articles.toLocaleString('en')} articles${corpus.textOnly ? ' (text only)' : ''}`,
    '',
    `Generated by \`${report.command}\`. Corpus: seed ${corpus.seed}, ${photos}, 12 sections, 40 authors, 200 tags, 600-1,200 words per article. Builds run ${report.builder}, with \`BROADSHEET_CONTENT\` pointing at the corpus.`,
    '',
    `Machine: ${machineLine(report.machine)}.`,
    '',
    resultsTable(runs),
    '',
    ...runs.map((r) => `- **${r.name}**: ${r.description}.`),
    ...(notes.length ? ['', 'Notes:', '', ...notes] : []),
    '',
    'Peak memory is the largest resident set of the build process tree, sampled every 250 ms from /proc. Phases come from Astro\'s log: content sync (with type generation), bundle (Vite), render (generating static routes, including copying cached pages), images (encoding, or copying from the image cache). "other" is the rest of the wall time: Node and Astro start-up, config, integrations such as search indexing, the swap into dist/. Before each build the benchmark waits until the build before it has deleted its old dist/ (a detached process each build starts once its new dist/ is in place), so that deletion is in no build\'s time.',
    '',
  ].join('\n');
}
