/**
 * The fixture sites the build tests share. Each is built once per test run by the global setup;
 * tests read `dist/` and the captured output from the paths here.
 */
import path from 'node:path';
import { writeCorpus } from '../../scripts/bench/generate-corpus.ts';

export const root = path.resolve(import.meta.dirname, '../..');
export const fixturesDir = path.join(root, 'tests', 'fixtures');
export const buildsDir = path.join(root, '.broadsheet', 'test-builds');

/** The build's "now" for every fixture: after the fixtures' published stories, before the embargo. */
export const FIXTURE_NOW = '2024-03-12T12:00:00+07:00';

/** The generated corpus the bench-corpus build uses: small, with small photos, published before FIXTURE_NOW. */
export const BENCH_FIXTURE_CORPUS = {
  seed: 7,
  articles: 24,
  photos: 3,
  photoSize: { width: 480, height: 320 },
  now: new Date(FIXTURE_NOW),
};

export interface FixtureBuild {
  name: string;
  /** Folder under tests/fixtures/. */
  content: string;
  /** A sentinel dist/ exists before the build, to prove a failed build leaves it alone. */
  expectFailure?: boolean;
  /** Writes the content folder before the build (for generated sites). */
  prepare?: () => Promise<void>;
}

export const fixtureBuilds: FixtureBuild[] = [
  { name: 'basic', content: 'basic' },
  { name: 'no-analytics', content: 'no-analytics' },
  { name: 'bad-analytics', content: 'bad-analytics', expectFailure: true },
  // The real sample site (content/), for the page-weight budget.
  { name: 'sample', content: path.join(root, 'content') },
  // A small benchmark corpus, to prove generated content passes the content schema and builds.
  {
    name: 'bench-corpus',
    content: path.join(buildsDir, 'bench-corpus', 'content'),
    prepare: async () => {
      await writeCorpus({ ...BENCH_FIXTURE_CORPUS, out: path.join(buildsDir, 'bench-corpus', 'content'), photoCache: path.join(buildsDir, 'bench-photos') });
    },
  },
];

export interface BuildResult {
  status: number | null;
  output: string;
  distDir: string;
}

export function distDir(name: string): string {
  return path.join(buildsDir, name, 'dist');
}

export function resultFile(name: string): string {
  return path.join(buildsDir, name, 'result.json');
}
