import { constants, promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { MAX_TEXT_BYTES } from '../parser/size-limit.js';
import type { TextReader } from '../workspace/import-loader.js';
import { pushAll } from '../util/large-arrays.js';

/** A file or folder that cannot be read or written: the CLI names it and the reason, and exits 2. */
export class FileError extends Error {}

/** Where problems go when a command goes on with the other files (`check` of a folder); without it, the first is thrown. */
export type FileFailures = FileError[];

function fail(error: FileError, failures: FileFailures | undefined): void {
    if (!failures) throw error;
    failures.push(error);
}

/** Why a path that is neither a regular file nor a folder cannot be read: reading a FIFO or a device would block or never end. */
export function specialFileKind(stat: Stats): string {
    if (stat.isFIFO()) return 'a named pipe (FIFO)';
    if (stat.isCharacterDevice()) return 'a character device';
    if (stat.isBlockDevice()) return 'a block device';
    if (stat.isSocket()) return 'a socket';
    return 'not a regular file';
}

/** A reason for an errno, in words; the path stays out (the caller names the file). */
export function ioReason(error: unknown): string {
    const e = error as NodeJS.ErrnoException;
    switch (e?.code) {
        case 'ENOENT':
            return 'no such file or folder';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        case 'EROFS':
            return 'read-only file system';
        case 'ENOSPC':
            return 'no space left on device';
        case 'EDQUOT':
            return 'disk quota exceeded';
        case 'EISDIR':
            return 'it is a folder';
        case 'ENOTDIR':
            return 'a part of the path is not a folder';
        case 'ELOOP':
            return 'too many levels of symbolic links';
        case 'EIO':
            return 'input/output error';
        default:
            return e?.code ?? String(e?.message ?? error).split('\n')[0];
    }
}

/**
 * `*.conv` files named directly or found below named folders, as absolute
 * paths, each once. A named file must be a regular `.conv` file; in folders,
 * hidden entries, `node_modules` and symbolic links are skipped (as the
 * language server's workspace scan does). With `failures`, an unreadable
 * path is recorded there and the others are still listed.
 */
export async function expandPaths(paths: readonly string[], cwd: string, failures?: FileFailures): Promise<string[]> {
    const files: string[] = [];
    for (const p of paths) {
        const full = path.resolve(cwd, p);
        let stat;
        try {
            stat = await fs.stat(full);
        } catch (e) {
            fail(new FileError(`cannot read ${p}: ${ioReason(e)}`), failures);
            continue;
        }
        if (stat.isDirectory()) pushAll(files, (await convFilesBelow(full, failures)).sort());
        else if (!stat.isFile()) fail(new FileError(`cannot read ${p}: ${specialFileKind(stat)}`), failures);
        else if (!full.endsWith('.conv')) fail(new FileError(`cannot check ${p}: not a .conv file`), failures);
        else files.push(full);
    }
    return [...new Set(files)];
}

async function convFilesBelow(dir: string, failures: FileFailures | undefined): Promise<string[]> {
    let entries;
    try {
        entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
        fail(new FileError(`cannot read the folder ${dir}: ${ioReason(e)}`), failures);
        return [];
    }
    const found: string[] = [];
    for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) pushAll(found, await convFilesBelow(full, failures));
        else if (!entry.name.endsWith('.conv') || entry.isSymbolicLink()) continue;
        else if (entry.isFile()) found.push(full);
        else fail(new FileError(`cannot read ${full}: not a regular file`), failures);
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
 * A regular file's text, never more than the size limit plus one byte (the
 * lexer then refuses it with `file-too-large`). Opened without blocking and
 * checked on the open handle, so a FIFO or device swapped in after a check
 * is refused, not read.
 */
export async function readTextFile(file: string, shownAs = file): Promise<string> {
    let handle;
    try {
        handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
        throw new FileError(`cannot read ${shownAs}: ${ioReason(e)}`);
    }
    try {
        const stat = await handle.stat();
        if (stat.isDirectory()) throw new FileError(`cannot read ${shownAs}: it is a folder`);
        if (!stat.isFile()) throw new FileError(`cannot read ${shownAs}: ${specialFileKind(stat)}`);
        const buffer = Buffer.alloc(Math.min(stat.size, MAX_TEXT_BYTES) + 1);
        let length = 0;
        for (;;) {
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
            if (bytesRead === 0 || (length += bytesRead) === buffer.length) break;
        }
        return new TextDecoder('utf-8').decode(buffer.subarray(0, length));
    } catch (e) {
        throw e instanceof FileError ? e : new FileError(`cannot read ${shownAs}: ${ioReason(e)}`);
    } finally {
        await handle.close();
    }
}

/**
 * Whether an import target lies inside the root once symbolic links are
 * resolved: imports do not follow links (the language server's workspace
 * scan does not either), so a link can never bring in a file from outside.
 */
async function reachedWithoutLinks(file: string, root: string, realRoot: Promise<string>): Promise<boolean> {
    try {
        const [real, resolvedRoot] = await Promise.all([fs.realpath(file), realRoot]);
        return real === path.join(resolvedRoot, path.relative(root, file));
    } catch {
        return false;
    }
}

export interface DiskReaderOptions {
    /** Imports are read only below it, and only without following symbolic links. */
    readonly root: string;
    /** Replaces a file's text (a fix being tried) without touching the disk. */
    readonly overrides?: ReadonlyMap<string, string>;
    /** Where a named file that cannot be read is recorded (it is then left out); without it, the error is thrown. */
    readonly failures?: FileFailures;
}

/**
 * Reads from disk. A named file is read or reported (FileError); an import
 * that is no regular file, or is reached through a symbolic link, stays
 * unresolved (undefined) and the validator reports it.
 */
export function diskReader(options: DiskReaderOptions): TextReader {
    let realRoot: Promise<string> | undefined; // resolved once, at the first import
    return async (uri, named) => {
        const file = uri.fsPath;
        const override = options.overrides?.get(file);
        if (override !== undefined) return override;
        if (named) {
            try {
                return await readTextFile(file);
            } catch (e) {
                if (!(e instanceof FileError) || !options.failures) throw e;
                options.failures.push(e);
                return undefined;
            }
        }
        realRoot ??= fs.realpath(options.root);
        if (!(await reachedWithoutLinks(file, options.root, realRoot))) return undefined;
        return readTextFile(file).catch(() => undefined);
    };
}

/** Writes a command's output file (`-o`), naming the file and the reason when it cannot. */
export async function writeOutputFile(file: string, text: string, shownAs = file): Promise<void> {
    try {
        await fs.writeFile(file, text, 'utf8');
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'its folder does not exist' : ioReason(e);
        throw new FileError(`cannot write ${shownAs}: ${why}`);
    }
}
