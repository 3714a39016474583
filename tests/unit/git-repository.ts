// A throwaway git repository for tests of what the build takes from git (src/content/git-blobs.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Makes `root` a git repository holding `files` (paths under `root`), committed; returns a way to run git there. */
export function commitFiles(root: string, files: Record<string, string>): (...args: string[]) => string {
  const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  git('init', '-q');
  git('config', 'user.email', 'desk@example.com');
  git('config', 'user.name', 'Desk');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  git('add', '.');
  git('commit', '-q', '-m', 'Stories');
  return git;
}
