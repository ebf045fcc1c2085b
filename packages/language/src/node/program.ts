/**
 * The entry point of dist/convspec.cjs, the one bundle the bin scripts and
 * the VS Code extension run: the CLI's `main` and the language server.
 * Both import their code when called (the CLI each command's), so loading
 * the bundle evaluates almost nothing: `--version` stays cheap.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { CheckWorkerData } from '../cli/check-batches.js';

export { main } from '../cli/main.js';

/** Starts the language server; the transport comes from argv (`--stdio`, `--node-ipc`, `--socket=PORT`). */
export async function startNodeLanguageServer(): Promise<void> {
    const server = await import('./language-server.js');
    server.startNodeLanguageServer();
}

/*
 * `check` of many files runs batches in worker threads, each running this same
 * bundle (src/cli/check-batches.ts): such a thread checks its batches, posts
 * the results and ends.
 */
const job = isMainThread ? undefined : (workerData as CheckWorkerData | undefined);
if (job?.convspecCheckWorker === true && parentPort) {
    const port = parentPort;
    void import('../cli/check-batches.js')
        .then(m => m.checkBatches(job.batches, job.cwd, job.root))
        .then(results => port.postMessage(results));
}
