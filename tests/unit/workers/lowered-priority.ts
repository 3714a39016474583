// A worker thread that lowers its own priority and reports it (tests/unit/threads.test.ts).
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { lowerThisThreadsPriority } from '../../../scripts/lib/threads.ts';

const lowered = lowerThisThreadsPriority();
parentPort!.postMessage({ lowered, priority: os.getPriority(0) });
