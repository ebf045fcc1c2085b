// Loads dist/convspec.cjs, the bundled CLI and language server, through V8's
// code cache: the compiled code of the previous run is kept in a per-user cache
// folder, so a run skips parsing and compiling 800 kB of JavaScript (about a
// quarter of a `convspec summary`). Node 20 has no module.enableCompileCache,
// hence vm.Script's cachedData. V8 checks the cache against the source and its
// own version and flags (`cachedDataRejected`), but not its bytes: a damaged
// file can crash V8. So the file starts with a SHA-256 of the rest, checked
// before V8 sees it. Every failure to read, check or write the cache falls back
// to a plain compile: the cache only ever saves time.
//   CONVSPEC_CACHE_DIR   where to keep it (default: $XDG_CACHE_HOME/convspec,
//                        ~/.cache/convspec, %LOCALAPPDATA%\convspec)
//   CONVSPEC_CODE_CACHE=0   compile without it
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const BUNDLE = fileURLToPath(new URL('../dist/convspec.cjs', import.meta.url));

function cacheFolder() {
    if (process.env.CONVSPEC_CACHE_DIR) return process.env.CONVSPEC_CACHE_DIR;
    if (process.env.XDG_CACHE_HOME) return join(process.env.XDG_CACHE_HOME, 'convspec');
    if (process.platform === 'win32' && process.env.LOCALAPPDATA) return join(process.env.LOCALAPPDATA, 'convspec');
    return join(homedir(), '.cache', 'convspec');
}

/** One cache file per bundle and Node: two Node versions side by side do not keep rejecting each other's. */
function cacheFile(source) {
    let hash = 0;
    for (let i = 0; i < source.length; i += 97) hash = (Math.imul(hash, 31) + source.charCodeAt(i)) | 0;
    const key = `${source.length.toString(36)}-${(hash >>> 0).toString(36)}`;
    return join(cacheFolder(), `convspec-${key}-node${process.version}-${process.arch}.v8cache`);
}

const sha256 = bytes => createHash('sha256').update(bytes).digest();
const DIGEST_BYTES = 32;

/** The cached code when the file is whole (its digest matches), undefined otherwise. */
function intact(file) {
    const code = file.subarray(DIGEST_BYTES);
    return file.length > DIGEST_BYTES && sha256(code).equals(file.subarray(0, DIGEST_BYTES)) ? code : undefined;
}

/**
 * Runs the bundle and returns its exports, and a function that stores the
 * code compiled so far when the cache was missing or stale (call it once the
 * work is done, so the cache holds the functions the run used).
 */
export function loadBundle() {
    const source = readFileSync(BUNDLE, 'utf8');
    const enabled = process.env.CONVSPEC_CODE_CACHE !== '0';
    const file = enabled ? cacheFile(source) : undefined;
    let cachedData;
    if (file) {
        try {
            cachedData = intact(readFileSync(file));
        } catch {
            cachedData = undefined; // first run, or an unreadable folder: compile
        }
    }
    const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
    const script = new Script(wrapper, { filename: BUNDLE, cachedData });
    const module = { exports: {} };
    script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
    const stale = file !== undefined && (cachedData === undefined || script.cachedDataRejected === true);
    const storeCache = () => {
        if (!stale) return;
        const partial = `${file}.${process.pid}.tmp`;
        try {
            mkdirSync(dirname(file), { recursive: true });
            const code = script.createCachedData();
            writeFileSync(partial, Buffer.concat([sha256(code), code]));
            renameSync(partial, file); // whole or not at all, for a run started meanwhile
        } catch {
            // a read-only or full disk: the next run compiles again; no half-written file is left
            try {
                rmSync(partial, { force: true });
            } catch {
                // there was no folder to write it in
            }
        }
    };
    return { exports: module.exports, storeCache };
}
