import { DefaultLinker, interruptAndCheck, type Cancellation, type LangiumDocument } from 'langium';
import { allNodes, forEachReference, NODES_PER_CHECK } from './ast-walk.js';

/** Langium's linking, node for node and reference for reference, over a plain walk of the tree (ast-walk.ts). */
export class ConvspecLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        const nodes = allNodes(document.parseResult.value);
        for (let k = 0; k < nodes.length; k++) {
            if (cancelToken && k % NODES_PER_CHECK === 0) await interruptAndCheck(cancelToken);
            forEachReference(nodes[k], reference => this.doLink(reference, document));
        }
    }
}
