#!/usr/bin/env node
/**
 * How the CLI copes with big files (issue #10): a 5 MB file of 100,000
 * statements is analysed, not refused, in time proportional to its size; a
 * 10 MB file is refused with one `file-too-large` error without being read
 * whole; `fix` grows linearly with the number of errors. Every figure is a
 * ratio against a baseline measured in this run. Build first.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'packages/language/bin/convspec.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convspec-bench-size-'));
let failed = 0;

/** Networks of 100 statements each (a network unrolls at most 50,000 layers), every line padded to `lineBytes`. */
function statements(count, lineBytes = 50) {
    let out = '';
    for (let n = 0; n < count / 100; n++) {
        out += `network N${n} {\n  input 32x32x16\n`;
        for (let i = 0; i < 100; i++) {
            const line = i % 2 ? '  relu' : '  conv 16 3x3 pad 1';
            out += `${line} //${'.'.repeat(Math.max(0, lineBytes - line.length - 4))}\n`;
        }
        out += '}\n';
    }
    return out;
}

/** Networks with one non-integer output each: `fix` has `count` errors to repair. */
function errors(count) {
    let out = '';
    for (let n = 0; n < count; n++) out += `network E${n} {\n  input 11x11x3\n  conv 3 2x2 stride 2\n}\n`;
    return out;
}

/**
 * Runs the CLI; wall time and CPU time (user + system: what a ratio should
 * compare on a machine that is busy with something else) in seconds, peak
 * RSS in MB (GNU time) and the parsed JSON output if any.
 */
function cli(args) {
    const started = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, BIN, ...args], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 1 << 30
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const [rssKb, user, system] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    const rssMb = rssKb / 1024;
    const cpu = user + system;
    let json;
    try {
        json = JSON.parse(r.stdout);
    } catch {
        json = undefined;
    }
    return { seconds, cpu, rssMb, status: r.status, json };
}

function report(name, value, target, ok) {
    console.log(`${ok ? 'pass' : 'FAIL'}  ${name}: ${value}  (target ${target})`);
    if (!ok) failed++;
}

try {
    fs.writeFileSync(path.join(dir, 'small.conv'), statements(10_000)); // 500 kB
    fs.writeFileSync(path.join(dir, 'five.conv'), statements(100_000)); // 5 MB
    const huge = fs.openSync(path.join(dir, 'ten.conv'), 'w');
    fs.writeSync(huge, statements(200_000)); // 10 MB
    fs.closeSync(huge);
    const sizes = ['small', 'five', 'ten'].map(n => fs.statSync(path.join(dir, `${n}.conv`)).size);
    console.log(`files: ${sizes.map(s => `${(s / 1e6).toFixed(2)} MB`).join(', ')}`);

    const empty = cli(['check', '--format', 'json', 'small.conv']);
    const small = cli(['check', '--format', 'json', 'small.conv']);
    const five = cli(['check', '--format', 'json', 'five.conv']);
    const ten = cli(['check', '--format', 'json', 'ten.conv']);
    const codes = r => (r.json?.diagnostics ?? []).map(d => d.code);
    console.log(`check 0.5 MB: ${small.seconds.toFixed(2)} s, ${small.rssMb.toFixed(0)} MB RSS (first run ${empty.seconds.toFixed(2)} s)`);
    console.log(`check 5 MB / 100,000 statements: ${five.seconds.toFixed(2)} s, ${five.rssMb.toFixed(0)} MB RSS`);
    console.log(`check 10 MB: ${ten.seconds.toFixed(2)} s, ${ten.rssMb.toFixed(0)} MB RSS`);
    report(
        '5 MB / 100,000 statements analysed',
        `exit ${five.status}, codes [${codes(five).join(', ')}]`,
        'exit 0, no diagnostic',
        five.status === 0 && codes(five).length === 0
    );
    const ratio = five.cpu / small.cpu;
    report('CPU time 5 MB ÷ 0.5 MB', `${ratio.toFixed(1)}×`, '≤ 15× (linear: 10× the text, plus start-up)', ratio <= 15);
    report(
        '10 MB refused',
        `exit ${ten.status}, codes [${codes(ten).join(', ')}]`,
        'exit 1, one file-too-large',
        ten.status === 1 && codes(ten).join() === 'file-too-large'
    );
    report(
        '10 MB refusal cost ÷ 0.5 MB check',
        `${(ten.cpu / small.cpu).toFixed(1)}× CPU time, ${(ten.rssMb / small.rssMb).toFixed(1)}× RSS`,
        '≤ 2× time, ≤ 2× RSS (never read whole or parsed)',
        ten.cpu <= 2 * small.cpu && ten.rssMb <= 2 * small.rssMb
    );

    fs.writeFileSync(path.join(dir, 'e1000.conv'), errors(1000));
    fs.writeFileSync(path.join(dir, 'e3000.conv'), errors(3000));
    const fix1 = cli(['fix', '--dry-run', 'e1000.conv']);
    const fix3 = cli(['fix', '--dry-run', 'e3000.conv']);
    const fixRatio = fix3.cpu / fix1.cpu;
    console.log(
        `fix --dry-run: 1,000 errors ${fix1.seconds.toFixed(2)} s (${fix1.cpu.toFixed(2)} s CPU), ` +
            `3,000 errors ${fix3.seconds.toFixed(2)} s (${fix3.cpu.toFixed(2)} s CPU) (0.1: 20 s and 115 s)`
    );
    report('fix CPU time 3,000 errors ÷ 1,000 errors', `${fixRatio.toFixed(1)}×`, '≤ 4× (linear: 3×)', fixRatio <= 4);
} finally {
    fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
