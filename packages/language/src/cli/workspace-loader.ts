import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { ConvspecServices } from '../convspec-module.js';
import type { Model } from '../generated/ast.js';
import { loadWithImports, type TextReader } from '../workspace/import-loader.js';

/** A problem with the command line or the file system: exit code 2. */
export class UsageError extends Error {}

export interface LoadedWorkspace {
    /** The documents the user named, in the order given. */
    readonly documents: LangiumDocument<Model>[];
    readonly root: string;
}

/** `*.conv` files named directly or found below named folders. */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
    const files: string[] = [];
    for (const p of paths) {
        let stat;
        try {
            stat = await fs.stat(p);
        } catch {
            throw new UsageError(`cannot read ${p}: no such file or folder`);
        }
        if (stat.isDirectory()) files.push(...(await convFilesBelow(p)).sort());
        else files.push(p);
    }
    return [...new Set(files.map(f => path.resolve(f)))];
}

async function convFilesBelow(dir: string): Promise<string[]> {
    const found: string[] = [];
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) found.push(...await convFilesBelow(full));
        else if (entry.isFile() && entry.name.endsWith('.conv')) found.push(full);
    }
    return found;
}

/** The workspace root: the current folder, or the common ancestor when files lie outside it. */
function workspaceRoot(files: readonly string[]): string {
    const cwd = process.cwd();
    const inside = (f: string) => !path.relative(cwd, f).startsWith('..');
    if (files.every(inside)) return cwd;
    return files.map(f => path.dirname(f)).reduce((common, dir) => {
        while (path.relative(common, dir).startsWith('..')) common = path.dirname(common);
        return common;
    });
}

/** Named files are read or reported (exit 2); an import that is no regular file stays unresolved. */
function diskReader(overrides: ReadonlyMap<string, string>): TextReader {
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
            throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`);
        }
    };
}

/**
 * Loads the named files and, transitively, what they import (never from
 * outside the root: such an import stays unresolved and is reported), then
 * builds and validates them as the language server would. `overrides`
 * replaces a file's text (a fix being tried) without touching the disk.
 */
export async function loadWorkspace(services: ConvspecServices, files: readonly string[], root = workspaceRoot(files),
    overrides: ReadonlyMap<string, string> = new Map()): Promise<LoadedWorkspace> {
    const { documents } = await loadWithImports(services.shared, files.map(f => URI.file(f)), URI.file(root), diskReader(overrides));
    return { documents, root };
}
