import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startConvspecLanguageServer } from '../lsp/convspec-lsp-module.js';
import { BoundedNodeFileSystem } from './bounded-file-system.js';

/**
 * The language server under Node. The connection picks its transport from
 * argv: `--stdio`, `--node-ipc` (VS Code) or `--socket=PORT`.
 */
export function startNodeLanguageServer(): void {
    startConvspecLanguageServer({ connection: createConnection(ProposedFeatures.all), ...BoundedNodeFileSystem });
}
