/**
 * Rewriting a file the user owns as carefully as an editor's save: the bytes
 * are read once (a regular file, UTF-8 or refused), the new content goes to a
 * temporary file created exclusively under an unpredictable name beside the
 * target, gets the target's owner and mode, and replaces the target by a
 * rename only when the target has not changed since it was read. A symlink is
 * resolved (the target is rewritten, the link stays a link); a file with
 * other hard links, a read-only file (unless forced) and one whose owner
 * cannot be kept are refused. Every failure is a `SafeWriteError`: one line,
 * the reason without the path (the caller names the file).
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type BigIntStats } from 'node:fs';
import * as path from 'node:path';
import { MAX_TEXT_BYTES } from '../parser/size-limit.js';
import { ioReason } from './files.js';
import { groupDigits } from '../util/group-digits.js';

/** Why a file is not read or not written; `verb` fits "cannot VERB FILE: message". */
export class SafeWriteError extends Error {
    constructor(
        readonly verb: 'read' | 'write' | 'fix',
        message: string
    ) {
        super(message);
    }
}

/** A file as read: where it really is, its bytes, its text and its status then. */
export interface FileSnapshot {
    /** The path given, resolved through symlinks. */
    readonly realPath: string;
    readonly bytes: Buffer;
    readonly text: string;
    readonly stat: BigIntStats;
}

/** Open without following a final symlink and without blocking on a FIFO. */
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
/** `wx`, and never through a symlink. */
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

const inside = (root: string, file: string) => {
    const relative = path.relative(root, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/**
 * Reads `file` (symlinks resolved) as bytes and strict UTF-8 text, the BOM
 * kept. Refused, without reading: a target outside `root`, anything but a
 * regular file, a file above the size limit (it would be `file-too-large`,
 * with nothing to fix); and text that is not UTF-8.
 */
export async function readFileSnapshot(file: string, root: string): Promise<FileSnapshot> {
    let realPath: string;
    let realRoot: string;
    try {
        realPath = await fs.realpath(file);
        realRoot = await fs.realpath(root).catch(() => root);
    } catch (e) {
        throw new SafeWriteError('read', ioReason(e));
    }
    if (!inside(realRoot, realPath)) {
        throw new SafeWriteError('fix', `it resolves to ${realPath}, outside the workspace ${root}; left unread`);
    }
    let handle: fs.FileHandle;
    try {
        handle = await fs.open(realPath, READ_FLAGS);
    } catch (e) {
        throw new SafeWriteError('read', ioReason(e));
    }
    try {
        const stat = await handle.stat({ bigint: true });
        if (stat.isDirectory()) throw new SafeWriteError('read', 'it is a folder');
        if (!stat.isFile()) throw new SafeWriteError('read', 'it is not a regular file');
        if (stat.size > BigInt(MAX_TEXT_BYTES)) {
            throw new SafeWriteError(
                'fix',
                `it is larger than ${groupDigits(MAX_TEXT_BYTES)} bytes, the most convspec analyses; left unread`
            );
        }
        const bytes = await handle.readFile();
        let text: string;
        try {
            text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
        } catch {
            throw new SafeWriteError('fix', 'it is not UTF-8 text (convert it to UTF-8 first); left unchanged');
        }
        return { realPath, bytes, text, stat };
    } catch (e) {
        throw e instanceof SafeWriteError ? e : new SafeWriteError('read', ioReason(e));
    } finally {
        await handle.close();
    }
}

/**
 * The new bytes: the original's own bytes before and after the changed
 * span, the new text encoded only in between. (Strict UTF-8 round-trips, so
 * this equals encoding `text`; building it from the original makes it so.)
 */
export function editedBytes(snapshot: FileSnapshot, text: string): Buffer {
    const old = snapshot.text;
    let start = 0;
    while (start < old.length && start < text.length && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    // not inside a surrogate pair
    if (start > 0 && start < old.length && isLowSurrogate(old.charCodeAt(start))) start--;
    let end = 0;
    while (
        end < old.length - start &&
        end < text.length - start &&
        old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)
    ) {
        end++;
    }
    if (end > 0 && end < old.length - start && isLowSurrogate(old.charCodeAt(old.length - end))) end--;
    const prefixBytes = Buffer.byteLength(old.slice(0, start), 'utf8');
    const suffixBytes = Buffer.byteLength(old.slice(old.length - end), 'utf8');
    return Buffer.concat([
        snapshot.bytes.subarray(0, prefixBytes),
        Buffer.from(text.slice(start, text.length - end), 'utf8'),
        snapshot.bytes.subarray(snapshot.bytes.length - suffixBytes)
    ]);
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** `.NAME.convspec-PID-RANDOM.tmp`: 64 random bits, so the name cannot be guessed and pre-placed. */
export function tempName(base: string): string {
    return `.${base}.convspec-${process.pid}-${randomBytes(8).toString('hex')}.tmp`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isLive(pid: number): boolean {
    if (pid === process.pid) return true;
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/**
 * Removes what a killed run left beside `realPath`: regular files (never a
 * symlink, never followed) named exactly like `tempName` with the PID of a
 * process that no longer runs. Best effort: what cannot be removed stays.
 */
export async function removeStaleTemps(realPath: string): Promise<string[]> {
    const dir = path.dirname(realPath);
    const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(realPath))}\\.convspec-(\\d+)-[0-9a-f]{16}\\.tmp$`);
    const removed: string[] = [];
    let names: string[];
    try {
        names = await fs.readdir(dir);
    } catch {
        return removed;
    }
    for (const name of names) {
        const match = pattern.exec(name);
        if (!match || isLive(Number(match[1]))) continue;
        const full = path.join(dir, name);
        const stat = await fs.lstat(full).catch(() => undefined);
        if (!stat?.isFile()) continue;
        try {
            await fs.unlink(full);
            removed.push(full);
        } catch {
            /* someone else's, or already gone */
        }
    }
    return removed;
}

const sameStat = (a: BigIntStats, b: BigIntStats) =>
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeNs === b.mtimeNs &&
    a.ctimeNs === b.ctimeNs &&
    a.mode === b.mode &&
    a.uid === b.uid &&
    a.gid === b.gid &&
    a.nlink === b.nlink;

/** The target is still the file that was read: same inode, status and bytes. */
async function unchanged(snapshot: FileSnapshot): Promise<boolean> {
    let handle: fs.FileHandle;
    try {
        handle = await fs.open(snapshot.realPath, READ_FLAGS);
    } catch {
        return false;
    }
    try {
        const stat = await handle.stat({ bigint: true });
        return sameStat(stat, snapshot.stat) && (await handle.readFile()).equals(snapshot.bytes);
    } finally {
        await handle.close();
    }
}

async function isWritable(file: string): Promise<boolean> {
    return fs.access(file, constants.W_OK).then(
        () => true,
        () => false
    );
}

export interface WriteOptions {
    /** Rewrite a read-only file (its mode stays read-only). */
    readonly force?: boolean;
}

/**
 * Replaces the snapshot's file with `text` (edited bytes only), keeping its
 * mode and owner exactly, or refuses and leaves it as it is.
 */
export async function safeWrite(snapshot: FileSnapshot, text: string, options: WriteOptions = {}): Promise<void> {
    const { realPath, stat } = snapshot;
    const mode = Number(stat.mode) & 0o7777;
    if (stat.nlink > 1n) {
        throw new SafeWriteError('fix', `it has ${stat.nlink} hard links, which replacing it would split; left unchanged`);
    }
    if (!options.force) {
        const octal = mode.toString(8).padStart(4, '0');
        if ((mode & 0o222) === 0) throw new SafeWriteError('fix', `it is read-only (mode ${octal}); use --force to rewrite it anyway`);
        if (!(await isWritable(realPath))) {
            throw new SafeWriteError('fix', `it is read-only for you (mode ${octal}, owner ${stat.uid}:${stat.gid}); left unchanged`);
        }
    }
    await removeStaleTemps(realPath);
    const bytes = editedBytes(snapshot, text);
    const temp = path.join(path.dirname(realPath), tempName(path.basename(realPath)));
    let handle: fs.FileHandle;
    try {
        handle = await fs.open(temp, CREATE_FLAGS, 0o600);
    } catch (e) {
        throw new SafeWriteError('write', `${ioReason(e)} (cannot create a file in ${path.dirname(realPath)})`);
    }
    let renamed = false;
    try {
        try {
            await handle.writeFile(bytes);
            const created = await handle.stat({ bigint: true });
            if (created.uid !== stat.uid || created.gid !== stat.gid) {
                try {
                    await handle.chown(Number(stat.uid), Number(stat.gid));
                } catch {
                    throw new SafeWriteError('fix', `its owner (${stat.uid}:${stat.gid}) could not be kept; left unchanged`);
                }
            }
            // after chown, which may clear set-id bits; fchmod ignores the umask
            await handle.chmod(mode);
            await handle.sync();
        } finally {
            await handle.close();
        }
        if (!(await unchanged(snapshot))) {
            throw new SafeWriteError('fix', 'it changed on disk while fix ran (an editor saved it?); nothing written, run fix again');
        }
        await fs.rename(temp, realPath);
        renamed = true;
        await syncFolder(path.dirname(realPath));
    } catch (e) {
        throw e instanceof SafeWriteError ? e : new SafeWriteError('write', ioReason(e));
    } finally {
        if (!renamed) await fs.unlink(temp).catch(() => undefined);
    }
}

/** So the rename itself survives a crash; not every file system allows it. */
async function syncFolder(dir: string): Promise<void> {
    const handle = await fs.open(dir, constants.O_RDONLY).catch(() => undefined);
    if (!handle) return;
    await handle.sync().catch(() => undefined);
    await handle.close();
}
