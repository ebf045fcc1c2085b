#!/usr/bin/env node
import { main } from '../out/cli/main.js';

// `convspec summary … | head`: the reader has gone; stop quietly, as other Unix tools do.
process.stdout.on('error', error => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
    code => {
        process.exitCode = code;
    },
    error => {
        process.stderr.write(`convspec: internal error: ${error?.stack ?? error}\n`);
        process.exitCode = 2;
    }
);
