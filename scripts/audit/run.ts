/**
 * `npm run audit`: builds the sample site (content/), serves it on 127.0.0.1 and checks the front
 * page, an article, a section page and /search/ with Lighthouse (mobile, its default throttling)
 * and axe-core, in Debian's chromium. Fails (exit 1) when any audited page scores under 100 in
 * performance, accessibility, best practices or SEO, or has any axe violation. Pages the site
 * does not have yet are named in the report, not failed.
 *
 * Options: --no-build (audit the last audit build again), --out docs/benchmarks.
 * Reports: docs/benchmarks/audit.json and audit.md; full Lighthouse reports in .broadsheet/audit/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH as CHROMIUM, launchChromium } from '../lib/chromium.ts';
import { serveDist } from '../lib/static-server.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

const root = process.cwd();
const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string', default: 'docs/benchmarks' },
  },
});
const work = path.join(root, '.broadsheet', 'audit');
const dist = path.join(work, 'dist');

if (!values['no-build']) {
  console.log('Building the sample site…');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.ts')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, BROADSHEET_CONTENT: path.join(root, 'content'), BROADSHEET_DIST: dist, BROADSHEET_CACHE_DIR: path.join(work, 'cache') },
  });
  if (build.status !== 0) {
    console.error('The sample site did not build; nothing to audit.');
    process.exit(1);
  }
}

/**
 * An article page of the built site (a page two folders deep), preferring one with a hero photo,
 * the heaviest kind of article page.
 */
function findArticle(): string | undefined {
  const candidates: string[] = [];
  for (const section of readdirSync(dist, { withFileTypes: true })) {
    if (!section.isDirectory() || section.name.startsWith('_')) continue;
    for (const story of readdirSync(path.join(dist, section.name), { withFileTypes: true })) {
      if (story.isDirectory() && !/^\d+$/.test(story.name) && existsSync(path.join(dist, section.name, story.name, 'index.html'))) {
        candidates.push(`/${section.name}/${story.name}/`);
      }
    }
  }
  candidates.sort();
  const withHero = candidates.find((page) => readFileSync(path.join(dist, page, 'index.html'), 'utf8').includes('figure hero'));
  return withHero ?? candidates[0];
}

const article = findArticle();
const section = article ? `/${article.split('/')[1]}/` : undefined;
const wanted: { name: string; path: string | undefined }[] = [
  { name: 'front page', path: '/' },
  { name: 'article', path: article },
  { name: 'section page', path: section },
  { name: 'search', path: '/search/' },
];
const pages = wanted.filter((p) => p.path && existsSync(path.join(dist, p.path, 'index.html'))) as { name: string; path: string }[];
const missing = wanted.filter((p) => !pages.includes(p as { name: string; path: string })).map((p) => `${p.name}${p.path ? ` (${p.path})` : ''}`);

interface PageReport {
  name: string;
  path: string;
  scores: Record<string, number>;
  failedAudits: { category: string; id: string; title: string; score: number | null; displayValue?: string | undefined }[];
  metrics: Record<string, string | undefined>;
  axeViolations: { id: string; impact: string | null | undefined; help: string; nodes: string[] }[];
}

const server = await serveDist(dist);
const { origin } = server;
const reports: PageReport[] = [];
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' });
const browser = await launchChromium();
mkdirSync(work, { recursive: true });
try {
  for (const page of pages) {
    const url = `${origin}${page.path}`;
    console.log(`Lighthouse and axe: ${page.name} ${page.path}`);
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const lhr = result.lhr;
    writeFileSync(path.join(work, `lighthouse-${page.name.replace(/\s+/g, '-')}.json`), JSON.stringify(lhr));
    const scores: Record<string, number> = {};
    const failedAudits: PageReport['failedAudits'] = [];
    for (const id of CATEGORIES) {
      const category = lhr.categories[id]!;
      scores[id] = Math.round((category.score ?? 0) * 100);
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id]!;
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failedAudits.push({ category: id, id: ref.id, title: audit.title, score: audit.score, displayValue: audit.displayValue });
        }
      }
    }
    const metrics = Object.fromEntries(
      ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'].map((id) => [id, lhr.audits[id]?.displayValue]),
    );

    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(url, { waitUntil: 'load' });
    // evaluate() runs as the test harness, not as the page, so the site's CSP (which rightly forbids
    // an injected <script>) does not stop axe.
    await tab.evaluate(readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    const axe = (await tab.evaluate(async () => {
      const run = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe.run;
      return run(document, { resultTypes: ['violations'] });
    })) as { violations: { id: string; impact?: string | null; help: string; nodes: { target: string[] }[] }[] };
    await context.close();
    reports.push({
      ...page,
      scores,
      failedAudits,
      metrics,
      axeViolations: axe.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })),
    });
  }
} finally {
  await browser.close();
  chrome.kill();
  await server.close();
}

const failures = reports.flatMap((r) => [
  ...CATEGORIES.filter((c) => r.scores[c]! < 100).map((c) => `${r.name} (${r.path}): ${c} ${r.scores[c]} — ${r.failedAudits.filter((a) => a.category === c).map((a) => a.id).join(', ')}`),
  ...r.axeViolations.map((v) => `${r.name} (${r.path}): axe ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join('; ')}`),
]);

const lighthouseVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules', 'lighthouse', 'package.json'), 'utf8')) as { version: string }).version;
const axeVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules', 'axe-core', 'package.json'), 'utf8')) as { version: string }).version;
const chromiumVersion = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim();
const summary = {
  date: new Date().toISOString(),
  tools: { lighthouse: lighthouseVersion, axeCore: axeVersion, chromium: chromiumVersion, formFactor: 'mobile', throttling: 'Lighthouse default (simulated slow 4G, 4x CPU slowdown)' },
  pages: reports,
  missing,
  failures,
};
const outDir = path.resolve(root, values.out);
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'audit.json'), `${JSON.stringify(summary, null, 2)}\n`);
const table = [
  '| page | path | performance | accessibility | best practices | SEO | axe violations | LCP | TBT | CLS |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...reports.map(
    (r) =>
      `| ${r.name} | \`${r.path}\` | ${r.scores['performance']} | ${r.scores['accessibility']} | ${r.scores['best-practices']} | ${r.scores['seo']} | ${r.axeViolations.length} | ${r.metrics['largest-contentful-paint'] ?? '–'} | ${r.metrics['total-blocking-time'] ?? '–'} | ${r.metrics['cumulative-layout-shift'] ?? '–'} |`,
  ),
].join('\n');
const markdown = [
  '# Page audit: Lighthouse and axe-core',
  '',
  `Generated by \`npm run audit\` on ${summary.date}: the sample site (content/) built and served locally, Lighthouse ${lighthouseVersion} (mobile, default simulated throttling) and axe-core ${axeVersion} in ${chromiumVersion}.`,
  '',
  table,
  '',
  missing.length ? `Not audited because the site has no such page yet: ${missing.join(', ')}.` : 'Every page kind was audited.',
  '',
  failures.length ? ['Failures:', '', ...failures.map((f) => `- ${f}`)].join('\n') : 'No failures: every audited page scores 100 in all four categories and has no axe violation.',
  '',
].join('\n');
writeFileSync(path.join(outDir, 'audit.md'), markdown);
console.log(`\n${table}\n`);
if (missing.length) console.log(`Not audited (no such page yet): ${missing.join(', ')}`);
if (failures.length) {
  console.error(`\nAudit failed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exitCode = 1;
} else console.log('Audit passed.');
console.log(`Wrote ${path.relative(root, path.join(outDir, 'audit.md'))} and audit.json`);
