#!/usr/bin/env node
// The language server over stdio (or --node-ipc / --socket=PORT), for any LSP editor.
import { startNodeLanguageServer } from '../out/node/language-server.js';

startNodeLanguageServer();
