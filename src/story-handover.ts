/**
 * The socket through which Astro's process tells the build wrapper (scripts/build.ts) about the
 * story pages it renders, and when it has rendered every page and picture: the wrapper has Pagefind
 * read the edited story's search index meanwhile (EarlySearchIndex in
 * src/integrations/search-index.ts). Written by src/middleware.ts and the site-machine
 * integration, one JSON line a message, only when the wrapper passed the socket.
 */
import { fstatSync, writeSync } from 'node:fs';
import { renderedStoriesFd } from './build-env.ts';

/** A story page Astro rendered (its URL path and HTML), or the end of Astro's pages and pictures. */
export type HandedOver = { path: string; html: string } | { rendered: true };

/**
 * The wrapper's socket (Node makes a child's stdio pipe a socket pair), if it passed one; nothing
 * if the variable names anything else, as a stray export in a shell could.
 */
export function handoverSocket(): number | undefined {
  const fd = renderedStoriesFd();
  if (fd === undefined) return undefined;
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket() ? fd : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `message` to the socket `fd` whole; false if it could not (the wrapper stopped listening). */
export function handOver(fd: number, message: HandedOver): boolean {
  try {
    const line = Buffer.from(`${JSON.stringify(message)}\n`);
    for (let written = 0; written < line.length; ) written += writeSync(fd, line, written);
    return true;
  } catch {
    return false;
  }
}
