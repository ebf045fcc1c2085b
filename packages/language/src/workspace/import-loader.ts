import type { LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import type { Model } from '../generated/ast.js';
import { importPathProblem, resolveImport } from './imports.js';

/**
 * Reads a file's text: from disk for the CLI, from open editors and
 * `workspace.fs` for the extension, from a map in tests and the browser.
 * Undefined means "no such file": an import of it stays unresolved and is
 * reported. `named` is true for the files the caller asked for (a reader may
 * throw for those, to report an I/O error), false for imports.
 */
export type TextReader = (uri: URI, named: boolean) => Promise<string | undefined>;

/** Imports never leave the workspace root: same scheme and authority, and a path below the root's. */
export function isInsideRoot(root: URI, target: URI): boolean {
    const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
    return target.scheme === root.scheme && target.authority === root.authority && target.path.startsWith(prefix);
}

export interface LoadedSources {
    /** The named files, in the order given (a file without text is left out). */
    readonly documents: LangiumDocument<Model>[];
    /** Every document loaded: the named files and, transitively, what they import. */
    readonly all: LangiumDocument[];
}

/**
 * The one import loader: the named files and, transitively, the `.conv`
 * files they import inside `root`, each read once, then built (parsed,
 * linked and, with `validation`, validated) as the language server would.
 */
export async function loadWithImports(
    shared: LangiumSharedCoreServices,
    files: readonly URI[],
    root: URI,
    read: TextReader,
    validation = true
): Promise<LoadedSources> {
    const factory = shared.workspace.LangiumDocumentFactory;
    const loaded = new Map<string, LangiumDocument<Model> | undefined>();
    const documents: LangiumDocument<Model>[] = [];
    const all: LangiumDocument[] = [];
    const queue = files.map(uri => ({ uri, named: true }));
    for (let next = queue.shift(); next; next = queue.shift()) {
        const key = next.uri.toString();
        let document = loaded.get(key);
        if (!loaded.has(key)) {
            const text = await read(next.uri, next.named);
            document = text === undefined ? undefined : factory.fromString<Model>(text, next.uri);
            loaded.set(key, document);
            if (document) {
                shared.workspace.LangiumDocuments.addDocument(document);
                all.push(document);
                for (const imp of document.parseResult.value.imports ?? []) {
                    if (imp.path === undefined || importPathProblem(imp.path)) continue; // the parser or the validator reports it
                    const target = resolveImport(document.uri, imp.path);
                    if (isInsideRoot(root, target) && !loaded.has(target.toString())) queue.push({ uri: target, named: false });
                }
            }
        }
        if (next.named && document) documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build(all, { validation });
    return { documents, all };
}
