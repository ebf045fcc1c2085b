import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TextReader } from '../workspace/import-loader.js';

/** A file or folder that cannot be read: the CLI reports it and exits 2. */
export class FileError extends Error {}

/** `*.conv` files named directly or found below named folders, as absolute paths, each once. */
export async function expandPaths(paths: readonly string[], cwd: string): Promise<string[]> {
    const files: string[] = [];
    for (const p of paths) {
        const full = path.resolve(cwd, p);
        let stat;
        try {
            stat = await fs.stat(full);
        } catch {
            throw new FileError(`cannot read ${p}: no such file or folder`);
        }
        if (stat.isDirectory()) files.push(...(await convFilesBelow(full)).sort());
        else files.push(full);
    }
    return [...new Set(files)];
}

async function convFilesBelow(dir: string): Promise<string[]> {
    const found: string[] = [];
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) found.push(...(await convFilesBelow(full)));
        else if (entry.isFile() && entry.name.endsWith('.conv')) found.push(full);
    }
    return found;
}

/** The workspace root: the current folder `cwd`, or the common ancestor when files (absolute) lie outside it. */
export function workspaceRoot(files: readonly string[], cwd: string): string {
    const inside = (f: string) => !path.relative(cwd, f).startsWith('..');
    if (files.every(inside)) return cwd;
    return files
        .map(f => path.dirname(f))
        .reduce((common, dir) => {
            while (path.relative(common, dir).startsWith('..')) common = path.dirname(common);
            return common;
        });
}

/**
 * Reads from disk. A named file is read or reported (FileError); an import
 * that is no regular file stays unresolved. `overrides` replaces a file's
 * text (a fix being tried) without touching the disk.
 */
export function diskReader(overrides: ReadonlyMap<string, string> = new Map()): TextReader {
    return async (uri, named) => {
        const file = uri.fsPath;
        const override = overrides.get(file);
        if (override !== undefined) return override;
        if (!named) {
            const stat = await fs.stat(file).catch(() => undefined);
            if (!stat?.isFile()) return undefined;
        }
        try {
            return await fs.readFile(file, 'utf8');
        } catch (e) {
            throw new FileError(
                `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`
            );
        }
    };
}
