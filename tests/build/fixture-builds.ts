/**
 * The fixture sites the build tests share. Each is built once per test run by the global setup;
 * tests read `dist/` and the captured output from the paths here.
 */
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
export const fixturesDir = path.join(root, 'tests', 'fixtures');
export const buildsDir = path.join(root, '.broadsheet', 'test-builds');

/** The build's "now" for every fixture: after the fixtures' published stories, before the embargo. */
export const FIXTURE_NOW = '2024-03-12T12:00:00+07:00';

export interface FixtureBuild {
  name: string;
  /** Folder under tests/fixtures/. */
  content: string;
  /** A sentinel dist/ exists before the build, to prove a failed build leaves it alone. */
  expectFailure?: boolean;
}

export const fixtureBuilds: FixtureBuild[] = [
  { name: 'basic', content: 'basic' },
  { name: 'no-analytics', content: 'no-analytics' },
  { name: 'bad-analytics', content: 'bad-analytics', expectFailure: true },
  { name: 'xss', content: 'xss' },
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
