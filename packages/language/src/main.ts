import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createConvspecServices } from './lsp/convspec-lsp-module.js';

// The connection picks its transport from argv: `--stdio`, `--node-ipc` or `--socket=PORT`.
const connection = createConnection(ProposedFeatures.all);
const { shared } = createConvspecServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
