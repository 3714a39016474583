import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildsDir, distDir, FIXTURE_NOW, fixtureBuilds, fixturesDir, resultFile, root } from './fixture-builds.ts';

export const SENTINEL = 'previous build: keep me\n';

function run(name: string, content: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'build.ts')], {
      cwd: root,
      env: {
        ...process.env,
        BROADSHEET_CONTENT: path.resolve(fixturesDir, content),
        BROADSHEET_NOW: FIXTURE_NOW,
        BROADSHEET_DIST: distDir(name),
        BROADSHEET_CACHE_DIR: path.join(buildsDir, name, 'cache'),
        NO_COLOR: '1',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** Builds every fixture site once (one after another: the machine has two cores). */
export default async function setup() {
  for (const build of fixtureBuilds) {
    const dir = path.join(buildsDir, build.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(distDir(build.name), { recursive: true });
    if (build.expectFailure) writeFileSync(path.join(distDir(build.name), 'sentinel.txt'), SENTINEL);
    await build.prepare?.();
    const { status, output } = await run(build.name, build.content);
    writeFileSync(resultFile(build.name), JSON.stringify({ status, output, distDir: distDir(build.name) }));
    if (!build.expectFailure && status !== 0) {
      throw new Error(`Fixture site "${build.name}" failed to build:\n${output}`);
    }
  }
}
