// Runs the e2e suites and prints the final tally line.
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { RESULTS, Tally } from './harness.mjs';
import { diagramSuite } from './diagrams.mjs';
import { playgroundSuite } from './playground.mjs';
import { vscodeSuite } from './vscode.mjs';
import { webExtensionSuite } from './web-extension.mjs';

const only = process.env.E2E_ONLY;
// Screenshots of this run only.
for (const f of readdirSync(RESULTS)) if (f.endsWith('.png')) rmSync(path.join(RESULTS, f));
const tally = new Tally();
const started = Date.now();
if (!only || only === 'diagrams') {
    console.log('diagrams: convspec draw → headless Chromium');
    await diagramSuite(tally);
}
if (!only || only === 'playground') {
    console.log('playground: packages/playground in headless Chromium');
    await playgroundSuite(tally);
}
if (!only || only === 'vscode') {
    console.log('vscode: the .vsix in code-server');
    await vscodeSuite(tally);
}
if (!only || only === 'web-extension') {
    console.log("web-extension: the browser entry in code-server's web worker extension host");
    await webExtensionSuite(tally);
}
console.log(`e2e: suites took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-results/e2e/`);
if (tally.failures.length) console.log(`e2e: failed: ${tally.failures.join('; ')}`);
console.log(`e2e: ${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed > 0 ? 1 : 0);
