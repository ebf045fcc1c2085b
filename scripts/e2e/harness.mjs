// A tiny test harness: named steps, one line each, and a tally.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS = path.join(ROOT, 'test-results', 'e2e');
mkdirSync(RESULTS, { recursive: true });

export class Tally {
    passed = 0;
    failed = 0;
    failures = [];

    /** Runs one check; a failure is recorded and printed, never thrown. */
    async test(name, fn) {
        const start = Date.now();
        try {
            await fn();
            this.passed++;
            console.log(`  ok   ${name} (${Date.now() - start} ms)`);
            return true;
        } catch (error) {
            this.failed++;
            this.failures.push(name);
            console.log(
                `  FAIL ${name} (${Date.now() - start} ms)\n       ${String(error?.message ?? error)
                    .split('\n')
                    .slice(0, 6)
                    .join('\n       ')}`
            );
            return false;
        }
    }

    /** A step the next ones depend on: when it fails they are skipped and counted as failed. */
    async require(name, fn, dependents = []) {
        if (await this.test(name, fn)) return true;
        for (const d of dependents) {
            this.failed++;
            this.failures.push(d);
            console.log(`  FAIL ${d} (not run: "${name}" failed)`);
        }
        return false;
    }
}

export function assert(condition, message) {
    if (!condition) throw new Error(message);
}

export const BROWSER_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
];
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's headless Chromium, driven by the playwright-core that setup.sh put in .tools/pw. When that cannot load,
 * a failed test says why and the answer is undefined.
 */
export async function launchChromium(tally) {
    let playwright;
    try {
        playwright = await import(pathToFileURL(path.join(ROOT, '.tools/pw/node_modules/playwright-core/index.mjs')).href);
    } catch (error) {
        await tally.test('load playwright-core from .tools/pw', () => {
            throw error;
        });
        return undefined;
    }
    return playwright.chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
}
