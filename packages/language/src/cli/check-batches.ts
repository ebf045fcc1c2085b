import { Worker } from 'node:worker_threads';
import { displayPath, fileDiagnostics, type FileDiagnostic } from './diagnostics.js';
import { createCliServices } from './services.js';
import { loadWorkspace } from './workspace-loader.js';
import { FileError, type FileFailures } from '../node/files.js';
import { BUNDLED_VERSION } from '../util/bundled.js';
import { pushAll } from '../util/large-arrays.js';

/**
 * Files per batch. A batch's documents are dropped once their diagnostics are
 * read, so a check of thousands of files holds one batch's syntax trees at a
 * time, not all of them: the garbage collector's work stays per file. A file
 * imported from several batches is read in each; a file's diagnostics depend
 * only on it and what it imports, so batching changes no result.
 */
const BATCH_FILES = 50;

/** Below this many files, starting worker threads (each builds its own parser) costs more than it saves. */
const FILES_FOR_WORKERS = 200;

/** What one batch found: plain data, so that it can come back from a worker thread. */
export interface BatchResult {
    readonly diagnostics: FileDiagnostic[];
    /** The checked files' names, in the order given. */
    readonly names: string[];
    /** Files that could not be read, as `FileError` messages. */
    readonly failures: string[];
}

/** The job a worker thread gets (see src/node/program.ts, which starts `checkWorker` in a worker). */
export interface CheckWorkerData {
    readonly convspecCheckWorker: true;
    readonly batches: readonly (readonly string[])[];
    readonly cwd: string;
    readonly root: string;
}

/** Checks `files` (absolute paths) under `root` in up to `threads` threads; results in the order of `files`. */
export async function checkFiles(
    files: readonly string[],
    cwd: string,
    root: string,
    failures: FileFailures,
    threads: number
): Promise<BatchResult> {
    const batches: string[][] = [];
    for (let start = 0; start < files.length; start += BATCH_FILES) batches.push(files.slice(start, start + BATCH_FILES));
    const bundle = bundleFile();
    const results =
        bundle !== undefined && threads > 1 && files.length >= FILES_FOR_WORKERS
            ? await inWorkers(bundle, batches, cwd, root, threads)
            : await checkBatches(batches, cwd, root);
    const merged: BatchResult = { diagnostics: [], names: [], failures: [] };
    for (const result of results) {
        pushAll(merged.diagnostics, result.diagnostics);
        pushAll(merged.names, result.names);
        for (const message of result.failures) failures.push(new FileError(message));
    }
    return merged;
}

/** The batches, one after the other, in this thread's services. */
export async function checkBatches(batches: readonly (readonly string[])[], cwd: string, root: string): Promise<BatchResult[]> {
    const services = createCliServices();
    const results: BatchResult[] = [];
    for (const batch of batches) {
        const failures: FileFailures = [];
        const { documents } = await loadWorkspace(services, batch, cwd, new Map(), failures, root);
        results.push({
            diagnostics: documents.flatMap(d => fileDiagnostics(d, cwd)),
            names: documents.map(d => displayPath(d.uri.fsPath, cwd)),
            failures: failures.map(f => f.message)
        });
        const loaded = services.shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
        await services.shared.workspace.DocumentBuilder.update([], loaded);
    }
    return results;
}

/**
 * The batches dealt round-robin to worker threads running the same bundle,
 * which answer with their results in their batches' order. Each result is
 * put back at its batch's place, so the report is the same as one thread's.
 */
async function inWorkers(bundle: string, batches: readonly string[][], cwd: string, root: string, threads: number): Promise<BatchResult[]> {
    const results: BatchResult[] = new Array(batches.length);
    const dealt = Array.from({ length: threads }, (_, t) => batches.map((_, i) => i).filter(i => i % threads === t));
    await Promise.all(
        dealt.map(
            indices =>
                new Promise<void>((resolve, reject) => {
                    const workerData: CheckWorkerData = { convspecCheckWorker: true, batches: indices.map(i => batches[i]), cwd, root };
                    const worker = new Worker(bundle, { workerData });
                    let answered = false;
                    worker.once('message', (answer: BatchResult[]) => {
                        answered = true;
                        answer.forEach((result, k) => (results[indices[k]] = result));
                        resolve();
                    });
                    worker.once('error', reject);
                    worker.once('exit', code => {
                        if (!answered) reject(new Error(`a check worker exited (code ${code}) without its results`));
                    });
                })
        )
    );
    return results;
}

/**
 * The bundle's own file when this code runs from dist/convspec.cjs, which a worker can run (CommonJS gives its
 * name); undefined in the unbundled build and the tests.
 */
function bundleFile(): string | undefined {
    return BUNDLED_VERSION !== undefined && typeof __filename === 'string' ? __filename : undefined;
}
