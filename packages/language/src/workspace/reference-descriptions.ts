import {
    DefaultReferenceDescriptionProvider,
    interruptAndCheck,
    type Cancellation,
    type LangiumDocument,
    type ReferenceDescription
} from 'langium';
import { pushAll } from '../util/large-arrays.js';
import { allNodes, forEachReference, NODES_PER_CHECK } from './ast-walk.js';

/** Langium's index of a document's references, built over a plain walk of the tree (ast-walk.ts). */
export class ConvspecReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(
        document: LangiumDocument,
        cancelToken?: Cancellation.CancellationToken
    ): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const nodes = allNodes(document.parseResult.value);
        for (let k = 0; k < nodes.length; k++) {
            if (cancelToken && k % NODES_PER_CHECK === 0) await interruptAndCheck(cancelToken);
            forEachReference(nodes[k], info => {
                if (!info.reference.error) pushAll(descriptions, this.createInfoDescriptions(info));
            });
        }
        return descriptions;
    }
}
