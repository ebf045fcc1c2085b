import * as path from 'node:path';
import { URI } from 'langium';
import { analyzeSources, type AnalyzedFile } from '../api/analyze.js';
import { diskReader, workspaceRoot } from './files.js';

/**
 * Analyses `.conv` files on disk and what they import, as `convspec check`
 * does: imports never leave the root (the current folder, or the files'
 * common ancestor when they lie outside it).
 */
export async function analyzeFiles(files: readonly string[], cwd = process.cwd()): Promise<AnalyzedFile[]> {
    const absolute = files.map(f => path.resolve(cwd, f));
    const root = workspaceRoot(absolute, cwd);
    const uris = absolute.map(f => URI.file(f).toString());
    return analyzeSources(uris, { root: URI.file(root).toString(), read: diskReader({ root }) });
}
