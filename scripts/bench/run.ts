/**
 * `npm run bench`: generates a seeded corpus into a temporary content directory and times real
 * builds of it through `scripts/build.ts` (the same path as `npm run build`), with
 * BROADSHEET_CONTENT pointing at the corpus:
 *
 *   cold-images  no cache at all: includes first-time image encoding (only with --encode-images)
 *   cold         no content or render cache; encoded images come from the image store
 *   warm         nothing changed since the last build
 *   edit         one article's body changed
 *   add          one article added
 *
 * Options: --articles 1000, --seed 1, --text-only (no photos), --photos 200,
 * --encode-images (also time the cold build that encodes every image for the first time),
 * --time-limit <seconds> per build, --runs cold,warm,edit,add, --out docs/benchmarks,
 * --label <name> (reports are docs/benchmarks/bench-<label>.json/.md; default the article count).
 *
 * Encoded images are kept in `.broadsheet/bench-image-store/` between benchmark runs (Astro names
 * cached images by a hash of the photo's bytes and the transform, so any corpus made from the same
 * pool shares them); that is what a CI that keeps Astro's cacheDir gets.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { extraArticle, PHOTO_DIR } from './corpus.ts';
import { DEFAULT_NOW, POOL_SIZE, writeCorpus } from './generate-corpus.ts';
import { folderTreeName, outputKey, untilSetAsideDeleted, workFolder } from '../lib/set-aside.ts';
import { machineLine, parseAstroLog, reportMarkdown, resultsTable, type BenchReport, type MachineInfo, type RunResult } from './measure.ts';

const root = process.cwd();
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    photos: { type: 'string', default: String(POOL_SIZE) },
    'text-only': { type: 'boolean', default: false },
    'encode-images': { type: 'boolean', default: false },
    'time-limit': { type: 'string' },
    runs: { type: 'string', default: 'cold,warm,edit,add' },
    out: { type: 'string', default: 'docs/benchmarks' },
    label: { type: 'string' },
    work: { type: 'string', default: path.join(os.tmpdir(), 'broadsheet-bench') },
  },
});

const articles = Number(values.articles);
const seed = Number(values.seed);
const textOnly = values['text-only'];
const photos = textOnly ? 0 : Number(values.photos);
const timeLimitMs = values['time-limit'] ? Number(values['time-limit']) * 1000 : undefined;
const label = values.label ?? `${articles}${textOnly ? '-text' : ''}`;
const work = path.join(values.work, label);
const contentDir = path.join(work, 'content');
const cacheDir = path.join(work, 'cache');
const distDir = path.join(work, 'dist');
const logDir = path.join(work, 'logs');
const imageStore = path.join(root, '.broadsheet', 'bench-image-store');
const EDIT_MARK = 'An editor added this paragraph after the story was first published, for the benchmark.';

function machine(): MachineInfo {
  const astro = JSON.parse(readFileSync(path.join(root, 'node_modules', 'astro', 'package.json'), 'utf8')) as { version: string };
  const commit = gitHead();
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.versions.node,
    astro: astro.version,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
    commit,
  };
}

function gitHead(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
  const dirty = git('status', '--porcelain', '--untracked-files=no');
  return `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${dirty ? ' (with uncommitted changes)' : ''}`;
}

/** Resident memory of a process and all its descendants, from /proc (Linux). */
function treeMemory(pid: number): { rssKb: number; hwmKb: number } {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {}
  }
  let rssKb = 0;
  let hwmKb = 0;
  const queue = [pid];
  while (queue.length) {
    const current = queue.pop()!;
    try {
      const status = readFileSync(`/proc/${current}/status`, 'utf8');
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      hwmKb = Math.max(hwmKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {}
    queue.push(...(children.get(current) ?? []));
  }
  return { rssKb, hwmKb };
}

function countFiles(dir: string): { pages: number; images: number } {
  if (!existsSync(dir)) return { pages: 0, images: 0 };
  let pages = 0;
  let images = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    if (entry.name.endsWith('.html')) pages++;
    else if (/\.(avif|webp|jpe?g|png)$/i.test(entry.name)) images++;
  }
  return { pages, images };
}

async function timedBuild(name: string, description: string): Promise<RunResult> {
  // The build before this one left its old dist/ to a detached process to delete (tens of thousands
  // of files); a newsroom's next publish comes minutes later, so that deletion belongs to no build.
  const { waitedMs, orphans } = await untilSetAsideDeleted(workFolder(root));
  if (waitedMs > 1000) console.log(`  (waited ${(waitedMs / 1000).toFixed(1)} s for the last build's old dist/ to be deleted)`);
  // Left by a build that failed or was stopped at the time limit, which hands them to nobody.
  for (const folder of orphans) rmSync(folder, { recursive: true, force: true });
  if (orphans.length > 0) console.log(`  (deleted ${orphans.length} folder(s) a stopped or failed build had set aside)`);
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  writeFileSync(logFile, '');
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'build.ts')], {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      BROADSHEET_CONTENT: contentDir,
      BROADSHEET_NOW: DEFAULT_NOW.toISOString(),
      BROADSHEET_DIST: distDir,
      BROADSHEET_CACHE_DIR: cacheDir,
      NO_COLOR: '1',
    },
  });
  let log = '';
  const collect = (chunk: Buffer) => {
    log += chunk;
    appendFileSync(logFile, chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let peakKb = 0;
  const sampler = setInterval(() => {
    const { rssKb, hwmKb } = treeMemory(child.pid!);
    peakKb = Math.max(peakKb, rssKb, hwmKb);
  }, 250);
  let timedOut = false;
  const limit = timeLimitMs
    ? setTimeout(() => {
        timedOut = true;
        // The build runs in its own process group: end exactly that group.
        process.kill(-child.pid!, 'SIGTERM');
      }, timeLimitMs)
    : undefined;
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  if (limit) clearTimeout(limit);
  const phases = parseAstroLog(log);
  const counted = countFiles(distDir);
  // A failed build's first error line says why (a heap exhausted, an editor's mistake); else its last words.
  const errorLine = log.split('\n').find((line) => /FATAL ERROR|\b[A-Z][a-zA-Z]*Error\b|\[ERROR\]/.test(line));
  const lastLines = errorLine?.trim() ?? log.trim().split('\n').slice(-3).join(' / ');
  const result: RunResult = {
    name,
    description,
    status: timedOut ? 'timed out' : status === 0 ? 'ok' : 'failed',
    wallMs,
    msPerArticle: wallMs / articles,
    peakRssMb: peakKb / 1024,
    pages: status === 0 ? counted.pages : 0,
    images: status === 0 ? counted.images : 0,
    phases,
    note: status === 0 ? undefined : `${timedOut ? 'stopped at the time limit; ' : ''}output: ${lastLines.slice(0, 400)}`,
  };
  console.log(`  ${name}: ${result.status} in ${(wallMs / 1000).toFixed(1)} s, peak ${result.peakRssMb.toFixed(0)} MB (log: ${logFile})`);
  return result;
}

function saveImagesToStore() {
  const assets = path.join(cacheDir, 'assets');
  if (existsSync(assets)) cpSync(assets, imageStore, { recursive: true, force: false, errorOnExist: false });
}

function resetCache({ keepImages }: { keepImages: boolean }) {
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(distDir, { recursive: true, force: true });
  // And the folders an earlier output left for the next build (scripts/lib/set-aside.ts): a cold build makes its own.
  rmSync(path.join(workFolder(root), folderTreeName(outputKey(distDir))), { recursive: true, force: true });
  if (keepImages && existsSync(imageStore)) cpSync(imageStore, path.join(cacheDir, 'assets'), { recursive: true });
}

function pickEditedArticle(): string {
  const dir = path.join(contentDir, 'articles', 'national');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  return path.join(dir, files[Math.floor(files.length / 2)]!);
}

console.log(`Benchmark: ${articles} articles${textOnly ? ', text only' : `, ${photos} pool photos`}, seed ${seed}, in ${work}`);
const generateStart = performance.now();
const corpus = await writeCorpus({ out: contentDir, photoCache: path.join(root, '.broadsheet', 'bench-photos'), seed, articles, photos, now: DEFAULT_NOW, log: console.log });
console.log(`  corpus written in ${((performance.now() - generateStart) / 1000).toFixed(1)} s`);

const wanted = new Set(values.runs.split(','));
const runs: RunResult[] = [];
if (values['encode-images'] && !textOnly) {
  resetCache({ keepImages: false });
  runs.push(await timedBuild('cold-images', 'no cache at all: every image encoded for the first time'));
  saveImagesToStore();
}
if (wanted.has('cold')) {
  const storeHasImages = existsSync(imageStore) && readdirSync(imageStore).length > 0;
  resetCache({ keepImages: true });
  const run = await timedBuild('cold', 'no content, render or page cache; encoded images taken from the image cache');
  if (!textOnly && !storeHasImages) run.note = 'the image store was empty, so this cold build also encoded every image for the first time';
  runs.push(run);
  saveImagesToStore();
}
if (wanted.has('warm')) runs.push(await timedBuild('warm', 'nothing changed since the last build'));
if (wanted.has('edit')) {
  const file = pickEditedArticle();
  appendFileSync(file, `\n${EDIT_MARK}\n`);
  const run = await timedBuild('edit', `one article's body edited (${path.relative(contentDir, file)})`);
  // The rebuilt page must show the edit: a cache that served the old page would be fast and wrong.
  const page = path.join(distDir, path.relative(path.join(contentDir, 'articles'), file).replace(/\.md$/, ''), 'index.html');
  if (run.status === 'ok' && !(existsSync(page) && readFileSync(page, 'utf8').includes(EDIT_MARK))) {
    run.status = 'failed';
    run.note = `${path.relative(distDir, page)} does not show the edit`;
  }
  runs.push(run);
}
if (wanted.has('add')) {
  const extra = extraArticle(corpus, seed, DEFAULT_NOW);
  writeFileSync(path.join(contentDir, extra.path), extra.text);
  const run = await timedBuild('add', `one article added (${extra.path})`);
  const page = path.join(distDir, extra.path.replace(/^articles\//, '').replace(/\.md$/, ''), 'index.html');
  if (run.status === 'ok' && !existsSync(page)) {
    run.status = 'failed';
    run.note = `${path.relative(distDir, page)} was not written`;
  }
  runs.push(run);
}

const outDir = path.resolve(root, values.out);
const reportFile = path.join(outDir, `bench-${label}.json`);
// Encoding every image for the first time takes many minutes; a run without --encode-images keeps
// the last measured one in the report, marked with when and on what code it was measured.
if (!runs.some((r) => r.name === 'cold-images') && existsSync(reportFile)) {
  const previous = JSON.parse(readFileSync(reportFile, 'utf8')) as { machine: MachineInfo; runs: RunResult[] };
  const earlier = previous.runs.find((r) => r.name === 'cold-images');
  if (earlier) {
    const origin = `measured by an earlier run on ${previous.machine.date}, commit ${previous.machine.commit}`;
    runs.unshift({ ...earlier, note: earlier.note?.includes('earlier run') ? earlier.note : `${origin}${earlier.note ? `; ${earlier.note}` : ''}` });
  }
}

const info = machine();
const report: BenchReport = {
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  corpus: { articles, seed, textOnly, photos, photoSize: textOnly ? null : '2400x1600', photoDir: PHOTO_DIR, files: corpus.files.length },
  builder: 'scripts/build.ts (astro build into a temporary folder, swapped into dist/)',
  machine: info,
  runs,
};
console.log(`\n${resultsTable(runs)}\n\n${machineLine(info)}`);

mkdirSync(outDir, { recursive: true });
writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(outDir, `bench-${label}.md`), reportMarkdown(report));
console.log(`\nWrote ${path.relative(root, path.join(outDir, `bench-${label}.md`))} and .json`);
if (runs.some((r) => r.status !== 'ok')) process.exitCode = 1;
