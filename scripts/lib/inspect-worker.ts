/**
 * A worker thread for scripts/lib/finish-dist.ts: reads built pages, hashes them and inspects with
 * parse5 (src/lib/page-inline-code.ts) those whose hash it was not told is known. Answers each
 * message (a list of files) with the inspections, keyed by the hash of the bytes it read: a page
 * still being written gives a hash no finished page has, and its inspection is never used.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { inspectPage, type PageInlineCode } from '../../src/lib/page-inline-code.ts';

export interface Inspected {
  sha256: string;
  inspection: PageInlineCode;
}

const known = new Set((workerData as { known?: string[] } | undefined)?.known ?? []);
parentPort!.on('message', (files: string[]) => {
  const answers: Inspected[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue; // Gone since it was listed.
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (known.has(sha256)) continue;
    known.add(sha256);
    answers.push({ sha256, inspection: inspectPage(bytes.toString('utf8')) });
  }
  parentPort!.postMessage(answers);
});
