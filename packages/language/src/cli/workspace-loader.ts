import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { Model } from '../generated/ast.js';
import type { ConvspecServices } from '../convspec-module.js';
import { resolveImport } from '../workspace/imports.js';

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

async function readText(file: string): Promise<string> {
    try {
        return await fs.readFile(file, 'utf8');
    } catch (e) {
        throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`);
    }
}

/**
 * Loads the named files and, transitively, what they import (never from
 * outside the root: such an import stays unresolved and is reported), then
 * builds and validates them as the language server would. `overrides`
 * replaces a file's text (a fix being tried) without touching the disk.
 */
export async function loadWorkspace(services: ConvspecServices, files: readonly string[], root = workspaceRoot(files),
    overrides: ReadonlyMap<string, string> = new Map()): Promise<LoadedWorkspace> {
    const shared = services.shared;
    const documents: LangiumDocument<Model>[] = [];
    const all: LangiumDocument[] = [];
    const queue = files.map(f => ({ file: f, named: true }));
    const loaded = new Map<string, LangiumDocument>();
    while (queue.length > 0) {
        const { file, named } = queue.shift()!;
        let document = loaded.get(file);
        if (!document) {
            const text = overrides.get(file) ?? await readText(file);
            document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.file(file));
            shared.workspace.LangiumDocuments.addDocument(document);
            loaded.set(file, document);
            all.push(document);
            for (const imp of (document.parseResult.value as Model).imports ?? []) {
                const target = resolveImport(document.uri, imp.path ?? '').fsPath;
                const insideRoot = !path.relative(root, target).startsWith('..');
                if (insideRoot && !loaded.has(target) && await isFile(target)) queue.push({ file: target, named: false });
            }
        }
        if (named) documents.push(document as LangiumDocument<Model>);
    }
    await shared.workspace.DocumentBuilder.build(all, { validation: true });
    return { documents, root };
}

async function isFile(file: string): Promise<boolean> {
    try {
        return (await fs.stat(file)).isFile();
    } catch {
        return false;
    }
}
