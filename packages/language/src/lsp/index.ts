/**
 * The language server's services, for any transport: `startConvspecLanguageServer`
 * with a Node connection (see `convspec/node`) or a browser worker's.
 */
export {
    ConvspecLspModule,
    ConvspecSharedLspModule,
    createConvspecServices,
    startConvspecLanguageServer,
    type ConvspecEditorServices,
    type ConvspecLspServices
} from './convspec-lsp-module.js';
export { ConvspecSettings, SETTINGS_SECTION } from './settings.js';
