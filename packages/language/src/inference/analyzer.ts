import {
    AstUtils,
    Cancellation,
    interruptAndCheck,
    WorkspaceCache,
    type LangiumDocument,
    type LangiumDocuments,
    type LangiumSharedCoreServices
} from 'langium';
import { isBlockCall, type Model, type Statement } from '../generated/ast.js';
import { analyzeModel, analyzeModelInterruptibly } from './engine.js';
import type { DocumentAnalysis, Instance } from './model.js';

/**
 * The inference result of a document, computed once per workspace state.
 * A workspace-wide cache because a network's shapes also depend on the
 * blocks it imports: any document change may change them.
 */
export class ConvspecAnalyzer {
    private readonly cache: WorkspaceCache<string, DocumentAnalysis>;
    private readonly withCallersCache: WorkspaceCache<string, DocumentAnalysis>;
    private readonly documents: LangiumDocuments;

    constructor(shared: LangiumSharedCoreServices) {
        this.cache = new WorkspaceCache(shared);
        this.withCallersCache = new WorkspaceCache(shared);
        this.documents = shared.workspace.LangiumDocuments;
    }

    analyze(document: LangiumDocument): DocumentAnalysis {
        return this.cache.get(document.uri.toString(), () => analyzeModel(document.parseResult.value as Model));
    }

    /**
     * `analyze` for the validator: between networks it yields to the event
     * loop (Langium's `interruptAndCheck`), so a request is answered and a newer
     * edit cancels the build (OperationCancelled is thrown, nothing is cached).
     */
    async analyzeInterruptibly(
        document: LangiumDocument,
        cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None
    ): Promise<DocumentAnalysis> {
        const key = document.uri.toString();
        if (this.cache.has(key)) return this.analyze(document);
        const analysis = await analyzeModelInterruptibly(document.parseResult.value as Model, () => interruptAndCheck(cancelToken));
        // A hover may have analyzed the document while this one yielded: one analysis per state.
        return this.cache.get(key, () => analysis);
    }

    /**
     * The document's analysis plus what networks in other files computed in
     * its blocks, so a library of blocks shows the volumes of its callers
     * (own calls first, then other files' in workspace order).
     */
    analyzeWithCallers(document: LangiumDocument): DocumentAnalysis {
        return this.withCallersCache.get(document.uri.toString(), () => {
            const own = this.analyze(document);
            const callers: [Statement, readonly Instance[]][] = [];
            for (const other of this.documents.all) {
                if (other === document || (other.parseResult.value as Model).imports?.length === 0) continue;
                for (const [node, instances] of this.analyze(other).instancesByNode) {
                    // Statements of this file's blocks, and the calls (in other files) that reach them.
                    const here =
                        AstUtils.getDocument(node) === document ||
                        (isBlockCall(node) && node.block?.ref !== undefined && AstUtils.getDocument(node.block.ref) === document);
                    if (here) callers.push([node, instances]);
                }
            }
            // No other file reaches this one (the usual case): its own analysis, not a copy of every entry.
            if (callers.length === 0) return own;
            const merged = new Map<Statement, readonly Instance[]>(own.instancesByNode);
            for (const [node, instances] of callers) merged.set(node, [...(merged.get(node) ?? []), ...instances]);
            return { ...own, instancesByNode: merged };
        });
    }
}
