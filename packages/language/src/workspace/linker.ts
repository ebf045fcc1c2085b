import { DefaultLinker, interruptAndCheck, type Cancellation, type LangiumDocument } from 'langium';
import { documentReferences, NODES_PER_CHECK } from './ast-walk.js';

/** Langium's linking, reference for reference in the same order, over the document's references found once per parse (ast-walk.ts). */
export class ConvspecLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        const references = documentReferences(document);
        for (let k = 0; k < references.length; k++) {
            if (cancelToken && k % NODES_PER_CHECK === 0) await interruptAndCheck(cancelToken);
            this.doLink(references[k], document);
        }
    }
}
