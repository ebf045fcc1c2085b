// The README's main job: summary and annotate of the inception example, then
// `check examples/`, which must flag exactly the deliberately invalid example.
import { spawnSync } from 'node:child_process';

const cli = 'packages/language/bin/convspec.js';
const run = (...args) => {
    console.log(`\n$ convspec ${args.join(' ')}`);
    const result = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    process.stdout.write(result.stdout);
    return result;
};

const failures = [];
if (run('summary', 'examples/inception.conv').status !== 0) failures.push('summary of examples/inception.conv did not exit 0');
if (run('annotate', 'examples/inception.conv').status !== 0) failures.push('annotate of examples/inception.conv did not exit 0');
const check = run('check', 'examples/');
const erroneous = new Set(
    check.stdout
        .split('\n')
        .filter(l => /: error /.test(l))
        .map(l => l.split(':')[0])
);
if (check.status !== 1 || erroneous.size !== 1 || !erroneous.has('examples/invalid/stride-does-not-tile.conv')) {
    failures.push(
        `check examples/ should fail on examples/invalid/stride-does-not-tile.conv alone (exit ${check.status}, files with errors: ${[...erroneous].join(', ') || 'none'})`
    );
}
if (failures.length) {
    console.error(`\ndemo failed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
}
console.log('\ndemo: every valid example checks clean; the deliberate invalid one is reported with its arithmetic.');
