/**
 * The socket through which Astro's process hands story pages to the build wrapper
 * (src/story-handover.ts): used only when the wrapper passed a pipe or socket, each message one
 * whole JSON line, and never written into a file that a stray variable happens to name.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { RENDERED_STORIES_FD } from '../../src/build-env.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const moduleUrl = pathToFileURL(path.resolve('src/story-handover.ts')).href;

/** Runs, in a process whose fd 3 is `third`, a script that finds the socket and hands two messages over. */
function handOverIn(third: 'pipe' | number, env: Record<string, string>) {
  const script = [
    `import { handOver, handoverSocket } from ${JSON.stringify(moduleUrl)};`,
    'const socket = handoverSocket();',
    'console.log(String(socket));',
    `if (socket !== undefined) { handOver(socket, { path: '/national/ferry/', html: '<p>Kampot “salt”\\n</p>' }); handOver(socket, { rendered: true }); }`,
  ].join('\n');
  const { PATH = '' } = process.env;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe', third], env: { PATH, ...env }, encoding: 'utf8' });
}

describe('the story hand-over socket', () => {
  it('writes each message as one JSON line when the wrapper passed a socket', () => {
    const run = handOverIn('pipe', { [RENDERED_STORIES_FD]: '3' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('3');
    const lines = String(run.output[3]).split('\n');
    expect(lines.map((line) => (line ? JSON.parse(line) : line))).toEqual([{ path: '/national/ferry/', html: '<p>Kampot “salt”\n</p>' }, { rendered: true }, '']);
  });

  it('is not used without the variable, nor when it names a plain file', () => {
    expect(handOverIn('pipe', {}).stdout.trim()).toBe('undefined');
    const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-handover-'));
    dirs.push(dir);
    const file = path.join(dir, 'open-file');
    const fd = openSync(file, 'w');
    try {
      expect(handOverIn(fd, { [RENDERED_STORIES_FD]: '3' }).stdout.trim()).toBe('undefined');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});
