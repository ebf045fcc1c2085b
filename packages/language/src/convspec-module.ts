import {
    createDefaultCoreModule,
    createDefaultSharedCoreModule,
    inject,
    type DefaultSharedCoreModuleContext,
    type LangiumCoreServices,
    type LangiumSharedCoreServices,
    type Module,
    type PartialLangiumCoreServices
} from 'langium';
import { ConvspecGeneratedModule, ConvspecGeneratedSharedModule } from './generated/module.js';
import { ConvspecAnalyzer } from './inference/analyzer.js';
import { ConvspecLexer } from './parser/recovering-lexer.js';
import { ConvspecValueConverter } from './parser/value-converter.js';
import { ConvspecLinker } from './workspace/linker.js';
import { ConvspecNameProvider } from './workspace/name-provider.js';
import { ConvspecReferenceDescriptionProvider } from './workspace/reference-descriptions.js';
import { ImportScopeProvider } from './workspace/import-scope-provider.js';
import { LabelScopeComputation } from './workspace/label-scope-computation.js';
import { ConvspecDocumentValidator } from './validation/document-validator.js';
import { ConvspecValidator, registerValidationChecks } from './validation/convspec-validator.js';

export type ConvspecAddedServices = {
    inference: {
        Analyzer: ConvspecAnalyzer;
    };
    validation: {
        ConvspecValidator: ConvspecValidator;
    };
};

export type ConvspecServices = LangiumCoreServices & ConvspecAddedServices;

/** Services shared by the CLI and the language server: no LSP code here. */
export const ConvspecModule: Module<ConvspecServices, PartialLangiumCoreServices & ConvspecAddedServices> = {
    inference: {
        Analyzer: services => new ConvspecAnalyzer(services.shared)
    },
    parser: {
        ValueConverter: () => new ConvspecValueConverter(),
        Lexer: services => new ConvspecLexer(services)
    },
    references: {
        Linker: services => new ConvspecLinker(services),
        NameProvider: () => new ConvspecNameProvider(),
        ScopeProvider: services => new ImportScopeProvider(services),
        ScopeComputation: services => new LabelScopeComputation(services)
    },
    validation: {
        ConvspecValidator: services => new ConvspecValidator(services),
        DocumentValidator: services => new ConvspecDocumentValidator(services)
    },
    workspace: {
        ReferenceDescriptionProvider: services => new ConvspecReferenceDescriptionProvider(services)
    }
};

/** The headless services the CLI uses: the language itself and nothing heavier. */
export function createConvspecCoreServices(context: DefaultSharedCoreModuleContext): {
    shared: LangiumSharedCoreServices;
    Convspec: ConvspecServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), ConvspecGeneratedSharedModule);
    const Convspec = inject(createDefaultCoreModule({ shared }), ConvspecGeneratedModule, ConvspecModule);
    shared.ServiceRegistry.register(Convspec);
    registerValidationChecks(Convspec);
    return { shared, Convspec };
}
