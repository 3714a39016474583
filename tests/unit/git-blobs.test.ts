import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitBlobId, gitBlobIds } from '../../src/content/git-blobs.ts';
import { commitFiles } from './git-repository.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A git repository holding `files` (committed), and a function to run git in it. */
function gitRepository(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-git-'));
  dirs.push(root);
  return { root, git: commitFiles(root, files) };
}

describe('gitBlobIds', () => {
  it("gives git's id of each tracked file git holds unchanged, by path under the folder", () => {
    const { root, git } = gitRepository({ 'content/news/a.md': 'A\n', 'content/news/b.md': 'B\n', 'content/sport/c.md': 'C\n', 'other/d.md': 'D\n' });
    appendFileSync(path.join(root, 'content/news/b.md'), 'Edited.\n');
    writeFileSync(path.join(root, 'content/news/new.md'), 'Not tracked.\n');
    writeFileSync(path.join(root, 'content/sport/c.md'), 'Staged.\n');
    git('add', 'content/sport/c.md');
    const ids = gitBlobIds(path.join(root, 'content'));
    // An edited file and an untracked one have none; a staged one has the staged bytes' id.
    expect([...ids!.keys()].sort()).toEqual(['news/a.md', 'sport/c.md']);
    expect(ids!.get('news/a.md')).toBe(git('hash-object', 'content/news/a.md').trim());
    expect(ids!.get('sport/c.md')).toBe(git('hash-object', 'content/sport/c.md').trim());
    // Worked out from the bytes, the same ids.
    expect(gitBlobId(readFileSync(path.join(root, 'content/news/a.md')), ids!.get('news/a.md')!)).toBe(ids!.get('news/a.md'));
  });

  it('answers for the repository the folder is in, whatever GIT_DIR a git hook left set', () => {
    const { root } = gitRepository({ 'content/a.md': 'A\n' });
    const other = gitRepository({ 'content/a.md': 'Another A\n' });
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = path.join(other.root, '.git');
    try {
      expect(gitBlobIds(path.join(root, 'content'))?.get('a.md')).toBe(gitBlobId(Buffer.from('A\n'), '0'.repeat(40)));
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });

  it('gives nothing for a folder git cannot answer for', () => {
    expect(gitBlobIds(path.join(tmpdir(), 'broadsheet-no-such-folder'))).toBeUndefined();
  });
});
