import { UriUtils, type LangiumDocuments, type URI } from 'langium';
import type { Model } from '../generated/ast.js';

/** Imports resolve relative to the importing file's folder. */
export function resolveImport(from: URI, path: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(from), path);
}

/** The document and everything it imports, transitively (cycles allowed): where its blocks come from. */
export function visibleDocumentUris(documents: LangiumDocuments, start: URI): Set<string> {
    const visible = new Set<string>();
    const pending = [start];
    while (pending.length) {
        const uri = pending.pop()!;
        if (visible.has(uri.toString())) continue;
        visible.add(uri.toString());
        if (!documents.hasDocument(uri)) continue;
        const model = documents.getDocument(uri)!.parseResult.value as Model;
        for (const imp of model.imports ?? []) {
            if (imp.path !== undefined) pending.push(resolveImport(uri, imp.path));
        }
    }
    return visible;
}
