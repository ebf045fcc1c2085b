import {
    DefaultDocumentBuilder,
    type Cancellation,
    type DocumentState,
    type LangiumDocument,
    type LangiumSharedCoreServices,
    type URI
} from 'langium';
import { visibleDocumentUris } from '../workspace/imports.js';

/**
 * Requests for a document no language serves (a README.md open beside the
 * `.conv` files) do not wait for a build that never comes: Langium's request
 * handler then answers null.
 *
 * Relinks only the documents a change can affect. Langium relinks, on every
 * change anywhere, each document with an unresolved name: while one file is
 * typed in, every other file with a typo drops below `Linked`, and hovers and
 * hints there wait for the build. A `.conv` file sees blocks only through its
 * imports (ImportScopeProvider), and its shapes depend on nothing else: a
 * document is relinked when a file it imports, directly or not, changed.
 */
export class ConvspecDocumentBuilder extends DefaultDocumentBuilder {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    protected override awaitDocumentState(state: DocumentState, uri: URI, cancelToken: Cancellation.CancellationToken): Promise<URI> {
        if (!this.serviceRegistry.hasServices(uri)) return Promise.resolve(uri);
        return super.awaitDocumentState(state, uri, cancelToken);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (this.indexManager.isAffected(document, changedUris)) return true;
        const visible = visibleDocumentUris(this.langiumDocuments, document.uri);
        return [...changedUris].some(uri => visible.has(uri));
    }
}
