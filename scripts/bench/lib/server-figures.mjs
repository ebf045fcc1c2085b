/**
 * The figures of a server benchmark: each printed with its target and
 * pass/fail as it is measured and, when BENCH_RESULTS_DIR is set, written to
 * `${BENCH_RESULTS_DIR}/<script>.json` in the bench convention
 * (`{ figures: [{ name, value, unit, target, pass }] }`; a wait that timed
 * out has the value null).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export class Figures {
    constructor() {
        this.figures = [];
    }

    /**
     * `unit`: 'ms', 'x' (a ratio) or any other unit word; `value` undefined when it
     * timed out after `timeoutMs`; `target` '' for a figure reported without one.
     */
    add(name, value, unit, target, pass, timeoutMs) {
        this.figures.push({ name, value: value ?? null, unit, target, pass });
        const shown =
            value === undefined
                ? `> ${timeoutMs} ms (timed out)`
                : unit === 'x'
                  ? `${value.toFixed(2)}×`
                  : `${value.toFixed(value < 10 ? 1 : 0)} ${unit}`;
        console.log(`${pass ? 'PASS' : 'FAIL'}  ${name}: ${shown}${target ? ` (target ${target})` : ''}`);
    }

    /** A step that failed before it could measure: counted as a missed target. */
    failed(name, error) {
        this.figures.push({ name, value: null, unit: '', target: 'runs', pass: false });
        console.log(`FAIL  ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }

    get allPass() {
        return this.figures.every(f => f.pass);
    }

    /** Writes the JSON when BENCH_RESULTS_DIR says where; `script` is the script's base name. */
    write(script) {
        const dir = process.env.BENCH_RESULTS_DIR;
        if (!dir) return;
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `${script}.json`), JSON.stringify({ figures: this.figures }, null, 2) + '\n');
    }
}
