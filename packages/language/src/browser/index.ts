/**
 * The language server for browsers and web workers (`convspec/browser`):
 * `startBrowserLanguageServer(self)` in a worker. No Node built-ins.
 */
export { startBrowserLanguageServer, type BrowserLanguageServer, type BrowserPort } from './language-server.js';
