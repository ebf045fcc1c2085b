import {
    AstUtils,
    DefaultScopeProvider,
    MultiMap,
    MultiMapScope,
    stream,
    WorkspaceCache,
    type AstNode,
    type AstNodeDescription,
    type LangiumCoreServices,
    type LangiumDocument,
    type ReferenceInfo,
    type Scope,
    type Stream
} from 'langium';
import { visibleElements } from './imports.js';

type LocalSymbols = NonNullable<LangiumDocument['localSymbols']>;
/** Per container, per reference type: its local symbols by name. */
type LocalIndex = Map<AstNode, Map<string, MultiMap<string, AstNodeDescription>>>;

/** A container's local symbols looked up by name, then the outer scope: what Langium's StreamScope does, without a scan per lookup. */
class IndexedScope implements Scope {
    constructor(
        private readonly byName: MultiMap<string, AstNodeDescription>,
        private readonly outer: Scope
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.byName.get(name)[0] ?? this.outer.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.byName.get(name)).concat(this.outer.getElements(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.byName.values()).concat(this.outer.getAllElements());
    }
}

/**
 * Blocks are visible in their own file and in files that import it (directly
 * or through other imports) — not everywhere in the workspace, which is
 * Langium's default and would let a call resolve to a block the file never
 * imported.
 */
export class ImportScopeProvider extends DefaultScopeProvider {
    private readonly visibleCache: WorkspaceCache<string, Scope>;
    /** Rebuilt with the document's local symbols (a new object each build), so it never outlives them. */
    private readonly localIndexes = new WeakMap<LocalSymbols, LocalIndex>();

    constructor(private readonly services: LangiumCoreServices) {
        super(services);
        this.visibleCache = new WorkspaceCache(services.shared);
    }

    /**
     * Langium's default filters a container's local symbols for every
     * reference: a network with 20,000 labels and a `route` naming them all
     * took 47 s. The symbols are indexed by name once per build instead.
     */
    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        let scope = this.getGlobalScope(referenceType, context);
        const localSymbols = AstUtils.getDocument(context.container).localSymbols;
        if (!localSymbols) return scope;
        const containers: AstNode[] = [];
        for (let node: AstNode | undefined = context.container; node; node = node.$container) {
            if (localSymbols.has(node)) containers.push(node);
        }
        for (let i = containers.length - 1; i >= 0; i--) {
            scope = new IndexedScope(this.localIndex(localSymbols, containers[i], referenceType), scope);
        }
        return scope;
    }

    private localIndex(symbols: LocalSymbols, container: AstNode, referenceType: string): MultiMap<string, AstNodeDescription> {
        let index = this.localIndexes.get(symbols);
        if (!index) this.localIndexes.set(symbols, (index = new Map()));
        let byType = index.get(container);
        if (!byType) index.set(container, (byType = new Map()));
        let byName = byType.get(referenceType);
        if (!byName) {
            byName = new MultiMap();
            for (const description of symbols.getStream(container)) {
                if (this.reflection.isSubtype(description.type, referenceType)) byName.add(description.name, description);
            }
            byType.set(referenceType, byName);
        }
        return byName;
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const key = `${referenceType}|${document.uri.toString()}`;
        return this.visibleCache.get(key, () => new MultiMapScope(visibleElements(this.services.shared, document, referenceType)));
    }
}
