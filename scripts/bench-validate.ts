/**
 * How long the content validator takes on a large archive:
 *   node scripts/bench-validate.ts [stories=10000]
 * Writes that many copies of the sample story (one in ten with an inline picture) into a temp
 * folder, validates it twice (the first run warms the file cache) and prints the time of the second.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateContent } from '../src/content/validate-content.ts';

const count = Number(process.argv[2] ?? 10_000);
const sample = path.join('content', 'articles', 'national', 'justice-ministry-asean-act-hold-human-trafficking-workshop');
const dir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-bench-'));
try {
  cpSync(path.join('content', 'sections'), path.join(dir, 'sections'), { recursive: true });
  cpSync(path.join('content', 'authors'), path.join(dir, 'authors'), { recursive: true });
  mkdirSync(path.join(dir, 'articles', 'national'), { recursive: true });
  copyFileSync(path.join(sample, 'workshop.jpg'), path.join(dir, 'articles', 'workshop.jpg'));
  const story = readFileSync(path.join(sample, 'index.md'), 'utf8').replace('src: ./workshop.jpg', 'src: ../../workshop.jpg');
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, 'articles', 'national', `story-${String(i)}`);
    mkdirSync(folder);
    const picture = i % 10 === 0 ? '\n![Judges at the workshop.](../../workshop.jpg "The workshop | AFP")\n' : '';
    writeFileSync(path.join(folder, 'index.md'), story + picture);
  }
  const now = new Date('2023-10-05T06:00:00+07:00');
  validateContent({ contentDir: dir, now });
  const start = performance.now();
  const { problems, articles } = validateContent({ contentDir: dir, now });
  const ms = performance.now() - start;
  console.log(`${String(articles.length)} stories, ${String(problems.length)} problems: ${ms.toFixed(0)} ms (${(ms / count).toFixed(2)} ms a story)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
