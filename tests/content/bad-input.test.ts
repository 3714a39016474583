/**
 * Every broken input in bad-input-cases.ts must produce exactly its listed problems: file, line,
 * field, what was found and the fix, all at once. Every case goes through the validator directly
 * (milliseconds each), and then end to end through `scripts/build.ts`, the real build command,
 * which must print exactly the same problems, no stack trace, exit non-zero and leave the previous
 * dist/ untouched (about half a second a case: the validator stops the build before Astro starts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatProblems, validateContent } from '../../src/content/validate-content.ts';
import { badInputCases, baseSite, CASE_NOW } from './bad-input-cases.ts';
import { tempSite } from './temp-site.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

function siteFor(files: Record<string, string | Buffer>): string {
  return tempSite({ ...baseSite, ...files }, 'broadsheet-bad-input-');
}

function reportedLines(dir: string): string[] {
  const { problems } = validateContent({ contentDir: dir, now: new Date(CASE_NOW), cwd: dir });
  return problems.length ? formatProblems(problems).split('\n').slice(1) : [];
}

describe('the content validator', () => {
  it('finds nothing wrong with the valid base site the cases start from', () => {
    expect(reportedLines(siteFor({}))).toEqual([]);
  });

  it('has at least 30 distinct broken inputs', () => {
    expect(new Set(badInputCases.map((c) => c.name)).size).toBeGreaterThanOrEqual(30);
    expect(badInputCases.length).toBe(new Set(badInputCases.map((c) => c.name)).size);
  });

  it.each(badInputCases)('reports $name with the file, line, field and fix', ({ files, expected }) => {
    expect(expected.length).toBeGreaterThan(0);
    expect(reportedLines(siteFor(files))).toEqual(expected);
  });

  it('counts the problems in its heading', () => {
    const dir = siteFor(badInputCases.find((c) => c.name.startsWith('many mistakes'))!.files);
    const { problems } = validateContent({ contentDir: dir, now: new Date(CASE_NOW), cwd: dir });
    expect(formatProblems(problems).split('\n')[0]).toBe('The content has 4 problems:');
  });

  it('never quotes the words of an embargoed story, only its file, lines and fields', () => {
    const secretCase = badInputCases.find((c) => c.name.startsWith('an embargoed story'))!;
    const output = reportedLines(siteFor(secretCase.files)).join('\n');
    expect(output).toContain('articles/news/secret.md:2: title:');
    for (const word of ['2024', 'secretsection', '/news/ferry/', 'Secret body']) expect(output).not.toContain(word);
  });
});

const endToEnd = badInputCases.map((c) => c.name);
const SENTINEL = 'the previous build\n';

interface Run {
  status: number | null;
  output: string;
  dist: string;
}

/** `node scripts/build.ts` run from inside the case's site (so file names print as in the cases). */
function build(dir: string): Promise<Run> {
  const dist = path.join(dir, 'dist-sentinel');
  mkdirSync(dist);
  writeFileSync(path.join(dist, 'index.html'), SENTINEL);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'build.ts')], {
      cwd: dir,
      env: { ...process.env, BROADSHEET_CONTENT: '.', BROADSHEET_NOW: CASE_NOW, BROADSHEET_DIST: dist, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, output, dist }));
  });
}

describe('npm run build on broken content', () => {
  const runs = new Map<string, Run>();

  beforeAll(async () => {
    // Two at a time: the machine has two cores.
    for (let i = 0; i < endToEnd.length; i += 2) {
      await Promise.all(
        endToEnd.slice(i, i + 2).map(async (name) => {
          const files = badInputCases.find((c) => c.name === name)!.files;
          runs.set(name, await build(siteFor(files)));
        }),
      );
    }
  }, 240_000);

  it.each(endToEnd)('stops on %s with exactly the validator problems, no stack trace, and dist/ untouched', (name) => {
    const { expected } = badInputCases.find((c) => c.name === name)!;
    const run = runs.get(name)!;
    expect(run.status).toBe(1);
    expect(run.output).toBe(
      `The content has ${String(expected.length)} problem${expected.length === 1 ? '' : 's'}:\n${expected.join('\n')}\n\nNothing was built; dist-sentinel/ was left as it was.\n`,
    );
    expect(readdirSync(run.dist)).toEqual(['index.html']);
    expect(readFileSync(path.join(run.dist, 'index.html'), 'utf8')).toBe(SENTINEL);
    expect(existsSync(path.join(path.dirname(run.dist), '.broadsheet'))).toBe(false);
  });
});
