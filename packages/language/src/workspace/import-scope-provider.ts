import {
    AstUtils, DefaultScopeProvider, MultiMapScope, WorkspaceCache,
    type LangiumCoreServices, type LangiumDocuments, type ReferenceInfo, type Scope, type URI
} from 'langium';
import type { Model } from '../generated/ast.js';
import { resolveImport } from './imports.js';

/**
 * Blocks are visible in their own file and in files that import it (directly
 * or through other imports) — not everywhere in the workspace, which is
 * Langium's default and would let a call resolve to a block the file never
 * imported.
 */
export class ImportScopeProvider extends DefaultScopeProvider {
    private readonly documents: LangiumDocuments;
    private readonly visibleCache: WorkspaceCache<string, Scope>;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.visibleCache = new WorkspaceCache(services.shared);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const key = `${referenceType}|${document.uri.toString()}`;
        return this.visibleCache.get(key, () => new MultiMapScope(this.indexManager.allElements(referenceType, this.visibleUris(document.uri))));
    }

    /** The document and everything it imports, transitively (cycles allowed). */
    private visibleUris(start: URI): Set<string> {
        const visible = new Set<string>();
        const pending = [start];
        while (pending.length) {
            const uri = pending.pop()!;
            if (visible.has(uri.toString())) continue;
            visible.add(uri.toString());
            if (!this.documents.hasDocument(uri)) continue;
            const model = this.documents.getDocument(uri)!.parseResult.value as Model;
            for (const imp of model.imports) {
                if (imp.path !== undefined) pending.push(resolveImport(uri, imp.path));
            }
        }
        return visible;
    }
}
