/**
 * `convspec fix` saves as carefully as an editor (issue #10): an exclusive,
 * unguessable temp file; symlinks resolved inside the workspace; hard links,
 * read-only files, foreign owners and non-UTF-8 text refused; mode and owner
 * kept; nothing written over a concurrent save; a killed run's temp file
 * removed by the next; one line per I/O failure and the other files still
 * fixed; --dry-run writes nothing; only preferred fixes are computed.
 * In process where possible; real processes for SIGKILL and another user.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import * as applyFixes from '../../src/fixes/apply-fixes.js';
import { fixesForIssue } from '../../src/fixes/fix-finder.js';
import * as inputSize from '../../src/fixes/input-size-fixes.js';
import * as resnetD from '../../src/fixes/resnet-d.js';
import { editedBytes, type FileSnapshot } from '../../src/node/safe-write.js';
import { validate } from '../helpers.js';
import { BIN, cli, expectNoStackTrace, tempTreesOfThisFile } from './cli-harness.js';

const temp = tempTreesOfThisFile();
afterEach(() => void vi.restoreAllMocks());

/** One error, fixed by adding `floor` to line 3. */
const BROKEN = 'network B {\n  input 10x10x3\n  conv 16 3x3 stride 2\n}\n';
const FIXED = BROKEN.replace('stride 2\n', 'stride 2 floor\n');
const OLD = new Date('2001-02-03T04:05:06Z');
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;

const file = (dir: string, name: string) => path.join(dir, name);
const bytes = (dir: string, name: string) => fs.readFileSync(file(dir, name));
const text = (dir: string, name: string) => fs.readFileSync(file(dir, name), 'utf8');
const untouched = (dir: string, name: string) => {
    fs.utimesSync(file(dir, name), OLD, OLD);
    return () => expect(fs.statSync(file(dir, name)).mtime.getTime()).toBe(OLD.getTime());
};
/** `convspec: cannot … NAME: reason` lines of stderr. */
const cannotLines = (stderr: string) => stderr.split('\n').filter(l => l.startsWith('convspec: '));
/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('the temporary file', () => {
    test('a symlink pre-placed at the old predictable temp name is not written through', async () => {
        const dir = temp({ 'v.conv': BROKEN, 'victim.txt': 'precious\n' });
        // the name the old code used, for this process
        fs.symlinkSync('victim.txt', file(dir, `.v.conv.convspec-${process.pid}.tmp`));
        const r = await cli(['fix', 'v.conv'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(text(dir, 'victim.txt')).toBe('precious\n');
        expect(fs.lstatSync(file(dir, 'v.conv')).isFile()).toBe(true);
        expect(text(dir, 'v.conv')).toBe(FIXED);
    });

    test('is created exclusively (O_CREAT|O_EXCL|O_NOFOLLOW) under an unguessable name beside the file', async () => {
        const dir = temp({ 'v.conv': BROKEN });
        const open = vi.spyOn(fs.promises, 'open');
        expect((await cli(['fix', 'v.conv'], { cwd: dir })).status).toBe(0);
        const temps = open.mock.calls.filter(([p]) => String(p).endsWith('.tmp'));
        expect(temps).toHaveLength(1);
        const [p, flags] = temps[0];
        expect(path.dirname(String(p))).toBe(dir);
        expect(path.basename(String(p))).toMatch(new RegExp(`^\\.v\\.conv\\.convspec-${process.pid}-[0-9a-f]{16}\\.tmp$`));
        const { O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
        expect(typeof flags).toBe('number');
        expect((flags as number) & (O_CREAT | O_EXCL | O_NOFOLLOW)).toBe(O_CREAT | O_EXCL | O_NOFOLLOW);
        expect(fs.readdirSync(dir)).toEqual(['v.conv']);
    });
});

describe('symbolic links', () => {
    test('a linked .conv: the target is fixed and the link stays a link', async () => {
        const dir = temp({ 'nets/real.conv': BROKEN });
        fs.symlinkSync('nets/real.conv', file(dir, 'l.conv'));
        const r = await cli(['fix', 'l.conv'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(r.stderr).toMatch(/^l\.conv: fixed line 3/m);
        expect(fs.lstatSync(file(dir, 'l.conv')).isSymbolicLink()).toBe(true);
        expect(fs.readlinkSync(file(dir, 'l.conv'))).toBe('nets/real.conv');
        expect(text(dir, 'nets/real.conv')).toBe(FIXED);
        expect(fs.readdirSync(file(dir, 'nets'))).toEqual(['real.conv']);
    });

    test('a link to a file outside the workspace is refused, the target neither read nor written', async () => {
        const outside = temp({ 'secret.conv': BROKEN });
        const dir = temp({ 'ok.conv': BROKEN });
        fs.symlinkSync(file(outside, 'secret.conv'), file(dir, 'l.conv'));
        const same = untouched(outside, 'secret.conv');
        const open = vi.spyOn(fs.promises, 'open');
        const readFile = vi.spyOn(fs.promises, 'readFile');
        const r = await cli(['fix', 'l.conv', 'ok.conv'], { cwd: dir });
        expect(r.status).toBe(2);
        expect(cannotLines(r.stderr)).toEqual([expect.stringMatching(/^convspec: cannot fix l\.conv: .*outside the workspace/)]);
        const touched = [...open.mock.calls, ...readFile.mock.calls].map(([p]) => String(p));
        expect(touched.filter(p => p.startsWith(outside))).toEqual([]);
        expect(text(outside, 'secret.conv')).toBe(BROKEN);
        same();
        expect(fs.lstatSync(file(dir, 'l.conv')).isSymbolicLink()).toBe(true);
        expect(text(dir, 'ok.conv')).toBe(FIXED);
    });
});

describe('bytes', () => {
    test('text that is not UTF-8 is refused and left byte for byte; the other files are fixed', async () => {
        const latin1 = Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from('\n' + BROKEN)]);
        const dir = temp({ 'l1.conv': latin1, 'ok.conv': BROKEN });
        const same = untouched(dir, 'l1.conv');
        const r = await cli(['fix', 'l1.conv', 'ok.conv'], { cwd: dir });
        expect(r.status).toBe(2);
        expect(cannotLines(r.stderr)).toEqual([expect.stringMatching(/^convspec: cannot fix l1\.conv: .*not UTF-8/)]);
        expect(bytes(dir, 'l1.conv').equals(latin1)).toBe(true);
        same();
        expect(text(dir, 'ok.conv')).toBe(FIXED);
    });

    test('BOM, CRLF and astral characters next to the edit: every byte outside it kept', async () => {
        const original = '\ufeff// 😀\r\nnetwork B {\r\n  input 10x10x3\r\n  conv 16 3x3 stride 2\r\n}\r\n// 𝔉\r\n';
        const dir = temp({ 'b.conv': original });
        expect((await cli(['fix', 'b.conv'], { cwd: dir })).status).toBe(0);
        expect(bytes(dir, 'b.conv').equals(Buffer.from(original.replace('stride 2\r\n', 'stride 2 floor\r\n'), 'utf8'))).toBe(true);
    });

    test('editedBytes keeps the original bytes around the edit, surrogate pairs whole', () => {
        const snap = (text: string): FileSnapshot => ({ realPath: '/x', bytes: Buffer.from(text, 'utf8'), text, stat: undefined! });
        for (const [before, after] of [
            ['a😀b', 'a😁b'],
            ['😀', '😀😀'],
            ['x😀', 'x'],
            ['\ufeffab\r\n', '\ufeffaXb\r\n'],
            ['same', 'same'],
            ['', 'new']
        ]) {
            expect(editedBytes(snap(before), after).equals(Buffer.from(after, 'utf8'))).toBe(true);
        }
    });
});

describe('mode, owner, links and read-only files', () => {
    test('a read-only (0444) file is refused by its mode, even as root; --force rewrites it and it stays 0444', async () => {
        const dir = temp({ 'ro.conv': BROKEN });
        fs.chmodSync(file(dir, 'ro.conv'), 0o444);
        const same = untouched(dir, 'ro.conv');
        const r = await cli(['fix', 'ro.conv'], { cwd: dir });
        expect(r.status).toBe(2);
        expect(cannotLines(r.stderr)).toEqual([expect.stringMatching(/^convspec: cannot fix ro\.conv: it is read-only .*--force/)]);
        expect(text(dir, 'ro.conv')).toBe(BROKEN);
        same();
        const forced = await cli(['fix', '--force', 'ro.conv'], { cwd: dir });
        expect(forced.status).toBe(0);
        expect(text(dir, 'ro.conv')).toBe(FIXED);
        expect(fs.statSync(file(dir, 'ro.conv')).mode & 0o7777).toBe(0o444);
    });

    test('the mode is kept exactly, whatever the umask (0666 stays 0666 under umask 022; 0600 stays 0600)', async () => {
        const dir = temp({ 'm.conv': BROKEN, 'p.conv': BROKEN });
        fs.chmodSync(file(dir, 'm.conv'), 0o666);
        fs.chmodSync(file(dir, 'p.conv'), 0o600);
        const umask = process.umask(0o022);
        try {
            expect((await cli(['fix', 'm.conv', 'p.conv'], { cwd: dir })).status).toBe(0);
        } finally {
            process.umask(umask);
        }
        expect(text(dir, 'm.conv')).toBe(FIXED);
        expect(fs.statSync(file(dir, 'm.conv')).mode & 0o7777).toBe(0o666);
        expect(fs.statSync(file(dir, 'p.conv')).mode & 0o7777).toBe(0o600);
    });

    test.skipIf(!isRoot)('as root, the owner and group are kept', async () => {
        const dir = temp({ 'o.conv': BROKEN });
        fs.chownSync(file(dir, 'o.conv'), 4321, 8765);
        expect((await cli(['fix', 'o.conv'], { cwd: dir })).status).toBe(0);
        expect(text(dir, 'o.conv')).toBe(FIXED);
        const stat = fs.statSync(file(dir, 'o.conv'));
        expect([stat.uid, stat.gid]).toEqual([4321, 8765]);
    });

    test('a file with other hard links is refused (replacing it would split them); both names unchanged', async () => {
        const dir = temp({ 'h.conv': BROKEN });
        fs.linkSync(file(dir, 'h.conv'), file(dir, 'h2.conv'));
        const r = await cli(['fix', 'h.conv'], { cwd: dir });
        expect(r.status).toBe(2);
        expect(cannotLines(r.stderr)).toEqual([expect.stringMatching(/^convspec: cannot fix h\.conv: it has 2 hard links/)]);
        expect(fs.statSync(file(dir, 'h.conv')).ino).toBe(fs.statSync(file(dir, 'h2.conv')).ino);
        expect(text(dir, 'h.conv')).toBe(BROKEN);
    });
});

describe('a save made while fix runs', () => {
    test('is not overwritten: nothing is written and the user is told', async () => {
        const dir = temp({ 'e.conv': BROKEN });
        const saved = BROKEN.replace('conv 16', 'conv 32');
        const preferred = applyFixes.preferredFixes;
        vi.spyOn(applyFixes, 'preferredFixes').mockImplementation((...args) => {
            fs.writeFileSync(file(dir, 'e.conv'), saved); // the editor saves, in place, meanwhile
            return preferred(...args);
        });
        const r = await cli(['fix', 'e.conv'], { cwd: dir });
        expect(r.status).toBe(2);
        expect(cannotLines(r.stderr)).toEqual([
            expect.stringMatching(/^convspec: cannot fix e\.conv: it changed on disk.*nothing written/)
        ]);
        expect(text(dir, 'e.conv')).toBe(saved);
        expect(fs.readdirSync(dir)).toEqual(['e.conv']);
    });
});

describe('temp files left by a killed run', () => {
    test('SIGKILL during the write leaves a temp file; the next run on that file removes it', async () => {
        const dir = temp({ 'k.conv': BROKEN });
        // dies right after the temp file is opened and partly written: deterministic, unlike a timed kill
        const hook = file(dir, 'die-in-write.mjs');
        fs.writeFileSync(
            hook,
            `import fs from 'node:fs';
const open = fs.promises.open;
fs.promises.open = async (p, ...rest) => {
    const handle = await open(p, ...rest);
    if (String(p).endsWith('.tmp')) {
        await handle.write('net');
        process.kill(process.pid, 'SIGKILL');
    }
    return handle;
};
`
        );
        const killed = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, BIN, 'fix', 'k.conv'], {
            cwd: dir,
            encoding: 'utf8'
        });
        expect(killed.signal).toBe('SIGKILL');
        const left = fs.readdirSync(dir).filter(n => n.endsWith('.tmp'));
        expect(left).toHaveLength(1);
        expect(text(dir, 'k.conv')).toBe(BROKEN);
        const r = await cli(['fix', 'k.conv'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(text(dir, 'k.conv')).toBe(FIXED);
        expect(fs.readdirSync(dir).sort()).toEqual(['die-in-write.mjs', 'k.conv']);
    });

    test('cleaning removes only regular files named exactly so with a dead PID, never following a link; --dry-run removes none', async () => {
        const dead = deadPid();
        const hex = '0123456789abcdef';
        const stale = `.c.conv.convspec-${dead}-${hex}.tmp`;
        const kept = [
            `.c.conv.convspec-${process.ppid}-${hex}.tmp`, // a live process's
            `.c.conv.convspec-${dead}-${hex}.tmp.keep`,
            `.c.conv.convspec-${dead}-${hex.slice(1)}.tmp`,
            `.d.conv.convspec-${dead}-${hex}.tmp`,
            `c.conv.convspec-${dead}-${hex}.tmp`
        ];
        const dir = temp({
            'c.conv': BROKEN,
            'victim.txt': 'precious\n',
            [stale]: 'partial',
            ...Object.fromEntries(kept.map(n => [n, 'x']))
        });
        const link = `.c.conv.convspec-${dead}-fedcba9876543210.tmp`;
        fs.symlinkSync('victim.txt', file(dir, link));
        const dry = await cli(['fix', '--dry-run', 'c.conv'], { cwd: dir });
        expect(dry.status).toBe(0);
        expect(fs.existsSync(file(dir, stale))).toBe(true);
        expect((await cli(['fix', 'c.conv'], { cwd: dir })).status).toBe(0);
        expect(fs.readdirSync(dir).sort()).toEqual(['c.conv', 'victim.txt', link, ...kept].sort());
        expect(fs.lstatSync(file(dir, link)).isSymbolicLink()).toBe(true);
        expect(text(dir, 'victim.txt')).toBe('precious\n');
        expect(text(dir, 'c.conv')).toBe(FIXED);
    });
});

describe('I/O failures: one line each, the other files still fixed, exit 2', () => {
    test('a missing file', async () => {
        const dir = temp({ 'ok.conv': BROKEN });
        const r = await cli(['fix', 'missing.conv', 'ok.conv'], { cwd: dir });
        expect(r.status).toBe(2);
        expectNoStackTrace(r.stderr);
        expect(cannotLines(r.stderr)).toEqual(['convspec: cannot read missing.conv: no such file or folder']);
        expect(text(dir, 'ok.conv')).toBe(FIXED);
    });

    test.skipIf(!isRoot || !hasSetpriv)(
        'as another user (setpriv, real process): read-only and foreign files refused, a read-only or unlistable folder named',
        () => {
            const dir = temp({});
            fs.chmodSync(dir, 0o777);
            const put = (name: string, mode: number, uid: number) => {
                fs.mkdirSync(path.dirname(file(dir, name)), { recursive: true });
                fs.writeFileSync(file(dir, name), BROKEN);
                fs.chmodSync(file(dir, name), mode);
                fs.chownSync(file(dir, name), uid, uid);
            };
            put('ro.conv', 0o444, NOBODY); // its own, read-only by mode
            put('root.conv', 0o644, 0); // root's, in a folder anyone may write
            put('shared.conv', 0o666, 0); // root's, writable by anyone: a rewrite would change its owner
            put('rod/x.conv', 0o666, NOBODY); // writable, in a folder that is not
            fs.chmodSync(file(dir, 'rod'), 0o555);
            put('locked/y.conv', 0o644, 0);
            fs.chmodSync(file(dir, 'locked'), 0o700);
            put('ok/z.conv', 0o644, NOBODY);
            fs.chownSync(file(dir, 'ok'), NOBODY, NOBODY);
            const r = spawnSync(
                'setpriv',
                [
                    `--reuid=${NOBODY}`,
                    `--regid=${NOBODY}`,
                    '--clear-groups',
                    process.execPath,
                    BIN,
                    'fix',
                    'ro.conv',
                    'root.conv',
                    'shared.conv',
                    'rod/x.conv',
                    'locked',
                    'ok/z.conv'
                ],
                { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }
            );
            expectNoStackTrace(r.stderr);
            expect(r.status).toBe(2);
            const lines = cannotLines(r.stderr);
            expect(lines).toHaveLength(5);
            expect(lines).toContainEqual(expect.stringMatching(/^convspec: cannot fix ro\.conv: it is read-only/));
            expect(lines).toContainEqual(
                expect.stringMatching(/^convspec: cannot fix root\.conv: it is read-only for you \(mode 0644, owner 0:0\)/)
            );
            expect(lines).toContainEqual(expect.stringMatching(/^convspec: cannot fix shared\.conv: its owner \(0:0\) could not be kept/));
            expect(lines).toContainEqual(expect.stringMatching(/^convspec: cannot write rod\/x\.conv: permission denied/));
            expect(lines).toContainEqual(expect.stringMatching(/^convspec: cannot read .*locked.*: permission denied$/));
            for (const name of ['ro.conv', 'root.conv', 'shared.conv', 'rod/x.conv', 'locked/y.conv']) expect(text(dir, name)).toBe(BROKEN);
            for (const name of ['root.conv', 'shared.conv']) expect(fs.statSync(file(dir, name)).uid).toBe(0);
            expect(fs.statSync(file(dir, 'ro.conv')).mode & 0o7777).toBe(0o444);
            expect(fs.readdirSync(dir).filter(n => n.endsWith('.tmp'))).toEqual([]);
            expect(text(dir, 'ok/z.conv')).toBe(FIXED);
            expect(fs.statSync(file(dir, 'ok/z.conv')).uid).toBe(NOBODY);
        }
    );
});

describe('--dry-run', () => {
    test('writes nothing, and names an absolute path a/tmp/…, not a//tmp/…', async () => {
        const dir = temp({ 'x.conv': BROKEN });
        const abs = file(dir, 'x.conv');
        const spies = (['open', 'writeFile', 'rename', 'unlink', 'rm'] as const).map(m => vi.spyOn(fs.promises, m));
        const r = await cli(['fix', '--dry-run', abs], { cwd: temp({}) });
        expect(r.status).toBe(0);
        const label = abs.replace(/^\/+/, '');
        expect(r.stdout).toMatch(new RegExp(`^--- a/${label.replace(/[.]/g, '\\.')}\\n`, 'm'));
        expect(r.stdout).toMatch(new RegExp(`^\\+\\+\\+ b/${label.replace(/[.]/g, '\\.')}\\n`, 'm'));
        expect(r.stdout).not.toContain('a//');
        const [open, ...writes] = spies;
        expect(writes.flatMap(s => s.mock.calls)).toEqual([]);
        for (const [, flags] of open.mock.calls) expect(flags === undefined || flags === 'r' || ((flags as number) & 3) === 0).toBe(true);
        expect(text(dir, 'x.conv')).toBe(BROKEN);
    });
});

describe('only the preferred fix is computed', () => {
    test('fix never runs the input-size search nor the ResNet-D rewrite (the editor-only fixes)', async () => {
        const search = vi.spyOn(inputSize, 'inputSizeFixesForIssue');
        const all = vi.spyOn(inputSize, 'inputSizeFixes');
        const rewrite = vi.spyOn(resnetD, 'resnetDFix');
        // the spies see calls made inside the fix modules: the editor's path (all fixes) runs the search
        const { document, analysis } = await validate(BROKEN);
        fixesForIssue(document, analysis.issues[0], analysis);
        expect(search).toHaveBeenCalledTimes(1);
        search.mockClear();
        all.mockClear();
        // 40 networks, each with one non-tiling conv ((10 − 3) odd, stride 2 → floor), fixed in one call
        const many = Array.from({ length: 40 }, (_, i) => BROKEN.replace('network B', `network B${i}`)).join('\n');
        const dir = temp({ 'many.conv': many });
        const r = await cli(['fix', 'many.conv'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(text(dir, 'many.conv')).toBe(many.replaceAll('stride 2\n', 'stride 2 floor\n'));
        expect(search).not.toHaveBeenCalled();
        expect(all).not.toHaveBeenCalled();
        expect(rewrite).not.toHaveBeenCalled();
    });
});
