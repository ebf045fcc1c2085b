/** convspec under Node: files from disk and the language server over stdio or IPC. */
export { analyzeFiles } from './analyze-files.js';
export { startNodeLanguageServer } from './language-server.js';
