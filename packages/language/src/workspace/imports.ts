import {
    UriUtils,
    type AstNodeDescription,
    type LangiumDocument,
    type LangiumDocuments,
    type LangiumSharedCoreServices,
    type Stream,
    type URI
} from 'langium';
import type { Model } from '../generated/ast.js';

/**
 * Why an import path can never be loaded, whatever is on disk: only `.conv`
 * files are parsed as convspec, and a control character in a path is a
 * trick (a terminal escape in a message), never a file name anyone meant.
 * Undefined when the path may resolve.
 */
export function importPathProblem(path: string): string | undefined {
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) return 'the path contains a control character';
    if (!path.endsWith('.conv')) return 'only .conv files can be imported';
    return undefined;
}

/** Imports resolve relative to the importing file's folder. */
export function resolveImport(from: URI, path: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(from), path);
}

/** The document and everything it imports, transitively (cycles allowed): where its blocks come from. */
export function visibleDocumentUris(documents: LangiumDocuments, start: URI): Set<string> {
    const visible = new Set<string>();
    const pending = [start];
    for (let uri = pending.pop(); uri; uri = pending.pop()) {
        if (visible.has(uri.toString())) continue;
        visible.add(uri.toString());
        const document = documents.hasDocument(uri) ? documents.getDocument(uri) : undefined;
        if (!document) continue;
        const model = document.parseResult.value as Model;
        for (const imp of model.imports ?? []) {
            if (imp.path !== undefined) pending.push(resolveImport(uri, imp.path));
        }
    }
    return visible;
}

/**
 * The declarations of `type` a document can name: its own and its imports'.
 * The scope provider links calls with it; completion and signature help offer
 * the same names, so nothing is offered that would not link.
 */
export function visibleElements(shared: LangiumSharedCoreServices, document: LangiumDocument, type: string): Stream<AstNodeDescription> {
    const uris = visibleDocumentUris(shared.workspace.LangiumDocuments, document.uri);
    return shared.workspace.IndexManager.allElements(type, uris);
}
