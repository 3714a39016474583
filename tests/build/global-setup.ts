import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { untilSetAsideDeleted, workFolder } from '../../scripts/lib/set-aside.ts';
import { buildsDir, distDir, firstDistDir, firstFoldersFile, FIXTURE_NOW, fixtureBuilds, fixturesDir, folderInodes, resultFile, root, type FixtureBuild } from './fixture-builds.ts';

export const SENTINEL = 'previous build: keep me\n';

function run(build: FixtureBuild, content: string): Promise<{ status: number | null; output: string }> {
  const { name, preview = false } = build;
  const command = preview
    ? [path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build']
    : [path.join(root, 'scripts', 'build.ts')];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, command, {
      cwd: root,
      env: {
        ...process.env,
        ...(preview ? { BROADSHEET_PREVIEW: '1', BROADSHEET_OUT_DIR: distDir(name), ASTRO_TELEMETRY_DISABLED: '1' } : {}),
        BROADSHEET_CONTENT: content,
        BROADSHEET_NOW: build.now ?? FIXTURE_NOW,
        BROADSHEET_DIST: distDir(name),
        BROADSHEET_CACHE_DIR: path.join(buildsDir, build.cacheOf ?? name, 'cache'),
        NO_COLOR: '1',
        ...build.env,
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
    let content = path.resolve(fixturesDir, build.content);
    if (build.rebuildWith || build.beforeRebuild) {
      // Edit a copy, never the fixture itself.
      const copy = path.join(dir, 'content');
      cpSync(content, copy, { recursive: true });
      content = copy;
      for (let n = 1; n <= (build.firstBuilds ?? 1); n++) {
        const first = await run(build, content);
        if (first.status !== 0) throw new Error(`Fixture site "${build.name}" failed its first build:\n${first.output}`);
        if (n === 1) writeFileSync(firstFoldersFile(build.name), JSON.stringify(folderInodes(distDir(build.name))));
        // The build's cleanup empties the output before the last into the folders the next build uses: done first, so
        // that which folders a build gets does not depend on how fast the machine is.
        await untilSetAsideDeleted(workFolder(root));
      }
      cpSync(distDir(build.name), firstDistDir(build.name), { recursive: true });
      if (build.rebuildWith) cpSync(path.join(fixturesDir, build.rebuildWith), content, { recursive: true });
      build.beforeRebuild?.();
    }
    const { status, output } = await run(build, content);
    writeFileSync(resultFile(build.name), JSON.stringify({ status, output, distDir: distDir(build.name) }));
    if (!build.expectFailure && status !== 0) {
      throw new Error(`Fixture site "${build.name}" failed to build:\n${output}`);
    }
  }
}
