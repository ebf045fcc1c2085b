#!/usr/bin/env node
// The CLI: the bundled program (dist/convspec.cjs, `npm run build`), compiled through V8's code cache.
import { loadBundle } from './cached-bundle.js';

// `convspec summary … | head`: the reader has gone; stop quietly, as other Unix tools do.
process.stdout.on('error', error => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
});

const { exports: program, storeCache } = loadBundle();
program.main(process.argv.slice(2)).then(
    code => {
        storeCache();
        process.exitCode = code;
    },
    error => {
        process.stderr.write(`convspec: internal error: ${error?.stack ?? error}\n`);
        process.exitCode = 2;
    }
);
