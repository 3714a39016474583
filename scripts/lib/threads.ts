/**
 * The build wrapper's work on every core (scripts/lib/finish-dist.ts, scripts/lib/read-pages.ts):
 * a list split between threads, each thread asked once and answering once.
 */
import os from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';

/** What a worker thread answers: its result, or the message of the error that stopped it. */
export type WorkerReply<Answer> = { answer: Answer } | { error: string };

/** `items` in at most `parts` runs of nearly equal length, in order, none empty. */
export function splitEvenly<T>(items: readonly T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size)).filter((part) => part.length > 0);
}

/**
 * Starts the worker `script` (with `workerData`), sends it `request` and resolves with its answer;
 * rejects with its error, or if it stops first (`what` names it in the message: "page-reading").
 */
export function askWorker<Request, Answer>(script: URL, request: Request, what: string, workerData?: unknown): Promise<Answer> {
  const worker = new Worker(script, { workerData });
  return new Promise<Answer>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`A ${what} thread stopped (exit code ${code}).`)));
    worker.once('message', (reply: WorkerReply<Answer>) => ('error' in reply ? reject(new Error(reply.error)) : resolve(reply.answer)));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/** In a worker thread: answers each request with `handle`'s result, or with the error it threw. */
export function answerRequests<Request, Answer>(handle: (request: Request) => Answer): void {
  parentPort!.on('message', (request: Request) => {
    let reply: WorkerReply<Answer>;
    try {
      reply = { answer: handle(request) };
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
    }
    parentPort!.postMessage(reply);
  });
}

/**
 * Gives the calling thread the lowest scheduling priority, on Linux only, where the nice value
 * belongs to a thread (elsewhere it would slow the whole build process, and could not be raised
 * back). For work that must be done by a deadline far off but should take only the CPU nobody
 * else wants. Returns whether the priority was lowered.
 */
export function lowerThisThreadsPriority(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    os.setPriority(0, os.constants.priority.PRIORITY_LOW);
    return true;
  } catch {
    // Not allowed here (a sandbox): the thread runs as before.
    return false;
  }
}
