/**
 * `npm run build`: `astro build` into a temporary folder, swapped into `dist/` only when the build
 * succeeds. A failed build (an editor's mistake, a bad analytics row) leaves the previous `dist/`
 * exactly as it was, so a deploy step that runs after a failure can never ship half a site.
 *
 * Extra arguments are passed to `astro build`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const outDir = path.resolve(root, process.env.BROADSHEET_DIST || 'dist');
const work = path.join(root, '.broadsheet', 'build');
// The staging folder's path must be the same from build to build: Astro's incremental build
// fingerprints page code, which contains the output path, and a new path would make every cached
// page look changed. One staging folder per output folder keeps builds of different sites apart.
const outKey = createHash('sha256').update(outDir).digest('hex').slice(0, 12);
const staging = path.join(work, `staging-${outKey}`);
const retired = path.join(work, `old-${process.pid}`);

mkdirSync(work, { recursive: true });
// Left behind by a build that was killed: start clean.
rmSync(staging, { recursive: true, force: true });
const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
// A production build never keeps drafts or embargoed stories, whatever the shell exported.
const { BROADSHEET_PREVIEW: _preview, ...env } = process.env;
const result = spawnSync(process.execPath, [astro, 'build', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...env, ASTRO_TELEMETRY_DISABLED: '1', BROADSHEET_OUT_DIR: staging },
});

if (result.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`\nThe build failed; ${path.relative(root, outDir) || outDir}/ was left as it was.`);
  process.exit(result.status ?? 1);
}

if (existsSync(outDir)) renameSync(outDir, retired);
renameSync(staging, outDir);
rmSync(retired, { recursive: true, force: true });
