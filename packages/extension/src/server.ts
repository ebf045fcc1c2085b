// The language server the extension starts over Node IPC: the package's own, bundled into out/server.js.
import { startNodeLanguageServer } from 'convspec/node';

startNodeLanguageServer();
