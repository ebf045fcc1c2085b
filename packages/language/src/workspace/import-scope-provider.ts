import {
    AstUtils,
    DefaultScopeProvider,
    MultiMapScope,
    WorkspaceCache,
    type LangiumCoreServices,
    type ReferenceInfo,
    type Scope
} from 'langium';
import { visibleElements } from './imports.js';

/**
 * Blocks are visible in their own file and in files that import it (directly
 * or through other imports) — not everywhere in the workspace, which is
 * Langium's default and would let a call resolve to a block the file never
 * imported.
 */
export class ImportScopeProvider extends DefaultScopeProvider {
    private readonly visibleCache: WorkspaceCache<string, Scope>;

    constructor(private readonly services: LangiumCoreServices) {
        super(services);
        this.visibleCache = new WorkspaceCache(services.shared);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const key = `${referenceType}|${document.uri.toString()}`;
        return this.visibleCache.get(key, () => new MultiMapScope(visibleElements(this.services.shared, document, referenceType)));
    }
}
