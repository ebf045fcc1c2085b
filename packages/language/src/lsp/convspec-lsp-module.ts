import { inject, type Module } from 'langium';
import {
    createDefaultModule,
    createDefaultSharedModule,
    startLanguageServer,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices,
    type PartialLangiumSharedServices
} from 'langium/lsp';
import { ConvspecModule, type ConvspecAddedServices } from '../convspec-module.js';
import { ConvspecGeneratedModule, ConvspecGeneratedSharedModule } from '../generated/module.js';
import { registerValidationChecks } from '../validation/convspec-validator.js';
import { ConvspecCodeActionProvider } from './code-actions.js';
import { ConvspecCodeLensProvider } from './code-lens.js';
import { ConvspecCompletionProvider } from './completion.js';
import { ConvspecDocumentBuilder } from './document-builder.js';
import { ConvspecDocumentUpdateHandler } from './document-update-handler.js';
import { ConvspecFormatter } from './formatter.js';
import { ConvspecHoverProvider } from './hover.js';
import { ConvspecInlayHintProvider } from './inlay-hints.js';
import { ConvspecRenameProvider } from './rename.js';
import { ConvspecConfigurationProvider, ConvspecSettings } from './settings.js';
import { ConvspecSignatureHelpProvider } from './signature-help.js';
import { warmUp } from './warm-up.js';
import { ConvspecDocumentFactory } from '../workspace/document-factory.js';

export type ConvspecEditorServices = {
    editor: {
        Settings: ConvspecSettings;
    };
};

export type ConvspecLspServices = LangiumServices & ConvspecAddedServices & ConvspecEditorServices;

/** The editor features; everything they show comes from the shared inference. */
export const ConvspecLspModule: Module<ConvspecLspServices, PartialLangiumServices & ConvspecEditorServices> = {
    lsp: {
        InlayHintProvider: services => new ConvspecInlayHintProvider(services),
        HoverProvider: services => new ConvspecHoverProvider(services),
        CodeActionProvider: services => new ConvspecCodeActionProvider(services),
        CodeLensProvider: services => new ConvspecCodeLensProvider(services),
        CompletionProvider: services => new ConvspecCompletionProvider(services),
        Formatter: services => new ConvspecFormatter(services),
        RenameProvider: services => new ConvspecRenameProvider(services),
        SignatureHelp: services => new ConvspecSignatureHelpProvider(services)
    },
    editor: {
        Settings: services => new ConvspecSettings(services.shared)
    }
};

/**
 * Settings are read under `convspec.*`, the extension's section; documents
 * are built when the editor pauses, reparsed only around a change
 * (document-factory.ts), relinked only when their imports change, and
 * released when closed (document-update-handler.ts, document-builder.ts).
 */
export const ConvspecSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        ConfigurationProvider: services => new ConvspecConfigurationProvider(services),
        DocumentBuilder: services => new ConvspecDocumentBuilder(services),
        LangiumDocumentFactory: services => new ConvspecDocumentFactory(services)
    },
    lsp: {
        DocumentUpdateHandler: services => new ConvspecDocumentUpdateHandler(services)
    }
};

export function createConvspecServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    Convspec: ConvspecLspServices;
} {
    const shared = inject(createDefaultSharedModule(context), ConvspecGeneratedSharedModule, ConvspecSharedLspModule);
    const Convspec = inject(createDefaultModule({ shared }), ConvspecGeneratedModule, ConvspecModule, ConvspecLspModule);
    shared.ServiceRegistry.register(Convspec);
    registerValidationChecks(Convspec);
    // Without a client there is no `initialized` to wait for: the settings are the defaults.
    if (!context.connection) shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Convspec };
}

/**
 * Starts the language server on a connection: stdio or IPC under Node, a
 * message port in a browser worker. The file system decides where imports
 * and workspace files are read from.
 */
export function startConvspecLanguageServer(
    context: DefaultSharedModuleContext & Required<Pick<DefaultSharedModuleContext, 'connection'>>
): void {
    const { shared, Convspec } = createConvspecServices(context);
    // Before the answer to `initialize`, so before any document arrives (warm-up.ts).
    shared.lsp.LanguageServer.onInitialize(() => warmUp(Convspec));
    startLanguageServer(shared);
}
