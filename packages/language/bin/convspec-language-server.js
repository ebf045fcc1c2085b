#!/usr/bin/env node
// The language server over stdio (or --node-ipc / --socket=PORT), for any LSP editor: the bundled
// program (dist/convspec.cjs, `npm run build`, the file the VS Code extension runs too), compiled
// through V8's code cache.
import { loadBundle } from './cached-bundle.js';

const { exports: program, storeCache } = loadBundle();
await program.startNodeLanguageServer();
// Once the server has answered its first requests, the code they compiled is worth keeping.
setTimeout(storeCache, 3000).unref();
