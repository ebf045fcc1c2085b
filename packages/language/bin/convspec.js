#!/usr/bin/env node
import { main } from '../out/cli/main.js';

main(process.argv.slice(2)).then(
    code => {
        process.exitCode = code;
    },
    error => {
        process.stderr.write(`convspec: internal error: ${error?.stack ?? error}\n`);
        process.exitCode = 2;
    }
);
