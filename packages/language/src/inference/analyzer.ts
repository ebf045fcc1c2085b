import { WorkspaceCache, type LangiumDocument } from 'langium';
import type { LangiumSharedCoreServices } from 'langium';
import type { Model } from '../generated/ast.js';
import { analyzeModel } from './engine.js';
import type { DocumentAnalysis } from './model.js';

/**
 * The inference result of a document, computed once per workspace state.
 * A workspace-wide cache because a network's shapes also depend on the
 * blocks it imports: any document change may change them.
 */
export class ConvspecAnalyzer {
    private readonly cache: WorkspaceCache<string, DocumentAnalysis>;

    constructor(shared: LangiumSharedCoreServices) {
        this.cache = new WorkspaceCache(shared);
    }

    analyze(document: LangiumDocument): DocumentAnalysis {
        return this.cache.get(document.uri.toString(), () => analyzeModel(document.parseResult.value as Model));
    }
}
