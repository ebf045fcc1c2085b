import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices
} from 'langium/lsp';
import { ConvspecModule, type ConvspecAddedServices } from '../convspec-module.js';
import { ConvspecGeneratedModule, ConvspecGeneratedSharedModule } from '../generated/module.js';
import { registerValidationChecks } from '../validation/convspec-validator.js';
import { ConvspecCodeActionProvider } from './code-actions.js';
import { ConvspecCodeLensProvider } from './code-lens.js';
import { ConvspecCompletionProvider } from './completion.js';
import { ConvspecFormatter } from './formatter.js';
import { ConvspecHoverProvider } from './hover.js';
import { ConvspecInlayHintProvider } from './inlay-hints.js';
import { ConvspecRenameProvider } from './rename.js';
import { ConvspecSignatureHelpProvider } from './signature-help.js';

export type ConvspecLspServices = LangiumServices & ConvspecAddedServices;

/** The editor features; everything they show comes from the shared inference. */
export const ConvspecLspModule: Module<ConvspecLspServices, PartialLangiumServices> = {
    lsp: {
        InlayHintProvider: services => new ConvspecInlayHintProvider(services),
        HoverProvider: services => new ConvspecHoverProvider(services),
        CodeActionProvider: services => new ConvspecCodeActionProvider(services),
        CodeLensProvider: services => new ConvspecCodeLensProvider(services),
        CompletionProvider: services => new ConvspecCompletionProvider(services),
        Formatter: services => new ConvspecFormatter(services),
        RenameProvider: services => new ConvspecRenameProvider(services),
        SignatureHelp: services => new ConvspecSignatureHelpProvider(services)
    }
};

export function createConvspecServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Convspec: ConvspecLspServices } {
    const shared = inject(createDefaultSharedModule(context), ConvspecGeneratedSharedModule);
    const Convspec = inject(createDefaultModule({ shared }), ConvspecGeneratedModule, ConvspecModule as Module<ConvspecLspServices, object>, ConvspecLspModule);
    shared.ServiceRegistry.register(Convspec);
    registerValidationChecks(Convspec);
    if (!context.connection) shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Convspec };
}
