import {
    DefaultReferenceDescriptionProvider,
    interruptAndCheck,
    type Cancellation,
    type LangiumDocument,
    type ReferenceDescription
} from 'langium';
import { pushAll } from '../util/large-arrays.js';
import { documentReferences, NODES_PER_CHECK } from './ast-walk.js';

/** Langium's index of a document's references, built from its references found once per parse (ast-walk.ts). */
export class ConvspecReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(
        document: LangiumDocument,
        cancelToken?: Cancellation.CancellationToken
    ): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const references = documentReferences(document);
        for (let k = 0; k < references.length; k++) {
            if (cancelToken && k % NODES_PER_CHECK === 0) await interruptAndCheck(cancelToken);
            if (!references[k].reference.error) pushAll(descriptions, this.createInfoDescriptions(references[k]));
        }
        return descriptions;
    }
}
