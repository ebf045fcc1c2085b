/**
 * The language server for browsers and web workers: `startBrowserLanguageServer(self)`
 * in a worker. No Node built-ins. Internal like `lsp/` and `node/`: the playground and
 * the extension's web entry reach it as `convspec-language/browser` (tsconfig paths).
 */
export { startBrowserLanguageServer, type BrowserLanguageServer, type BrowserPort } from './language-server.js';
