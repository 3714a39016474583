import path from 'node:path';

/**
 * A mistake in content that an editor can fix. Its message is the whole story (file, line or field,
 * what is wrong, how to fix it), so it carries no stack trace: that would only point at our code,
 * and Astro prints one whenever an error has it.
 */
export class EditorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditorError';
    this.stack = '';
  }
}

/** A file as an editor finds it: relative to where the build runs, or absolute when outside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
