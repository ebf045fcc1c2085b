import {
    DefaultLangiumDocumentFactory,
    type AstNode,
    type Cancellation,
    type LangiumDocument,
    type Mutable,
    type ParseResult,
    type URI
} from 'langium';
import type { Model } from '../generated/ast.js';
import { reparseStatements } from './statement-reparse.js';

/**
 * A changed document is reparsed from its previous parse where the change
 * allows (statement-reparse.ts): an edit inside a 10,000-line network
 * reparses the statements around it, not the whole text. Anything else is
 * Langium's full parse.
 */
export class ConvspecDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The parse each document had when its update began, until the update parses. */
    private readonly previous = new Map<string, ParseResult>();

    override async update<T extends AstNode = AstNode>(
        document: Mutable<LangiumDocument<T>>,
        cancellationToken: Cancellation.CancellationToken
    ): Promise<LangiumDocument<T>> {
        const key = document.uri.toString();
        this.previous.set(key, document.parseResult);
        try {
            return await super.update(document, cancellationToken);
        } finally {
            this.previous.delete(key);
        }
    }

    /** Called by `update` only when the text changed. */
    protected override async parseAsync<T extends AstNode>(
        uri: URI,
        text: string,
        cancellationToken: Cancellation.CancellationToken
    ): Promise<ParseResult<T>> {
        const previous = this.previous.get(uri.toString()) as ParseResult<Model> | undefined;
        const oldText = previous?.value.$cstNode?.root.fullText;
        if (previous && oldText !== undefined && previous.value.$type === 'Model') {
            const parser = this.serviceRegistry.getServices(uri).parser.LangiumParser;
            const reparsed = reparseStatements(parser, previous, oldText, text);
            if (reparsed) return reparsed as unknown as ParseResult<T>;
        }
        return super.parseAsync(uri, text, cancellationToken);
    }
}
