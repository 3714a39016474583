/**
 * A worker thread for scripts/lib/finish-dist.ts: inspects built pages with parse5
 * (src/lib/page-inline-code.ts) and answers with each page's inspection.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { inspectPage } from '../../src/lib/page-inline-code.ts';

const { files } = workerData as { files: string[] };
parentPort!.postMessage(files.map((file) => inspectPage(readFileSync(file, 'utf8'))));
