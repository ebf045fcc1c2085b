import type { LangiumDocument } from 'langium';
import type { SignatureHelpProvider } from 'langium/lsp';
import type { SignatureHelp, SignatureHelpOptions, SignatureHelpParams } from 'vscode-languageserver';
import type { ConvspecServices } from '../convspec-module.js';
import { isBlock, type Block } from '../generated/ast.js';
import { visibleElements } from '../workspace/imports.js';

/**
 * Signature help for `name(` while typing. It reads the text before the
 * cursor, since a half-typed call does not parse into a BlockCall yet.
 */
export class ConvspecSignatureHelpProvider implements SignatureHelpProvider {
    constructor(private readonly services: ConvspecServices) {}

    provideSignatureHelp(document: LangiumDocument, params: SignatureHelpParams): SignatureHelp | undefined {
        const text = document.textDocument.getText();
        const offset = document.textDocument.offsetAt(params.position);
        const open = unmatchedParen(text, offset);
        if (open < 0) return undefined;
        const name = /([A-Za-z_]\w*)\s*$/.exec(text.slice(Math.max(0, open - 200), open))?.[1];
        const block = name && this.findBlock(document, name);
        if (!block) return undefined;
        const activeParameter = (text.slice(open + 1, offset).match(/,/g) ?? []).length;
        const paramNames = block.params.map(p => p.name);
        let label = `${block.name}(`;
        const parameters = paramNames.map((p, i) => {
            const start = label.length;
            label += p + (i < paramNames.length - 1 ? ', ' : '');
            return { label: [start, start + p.length] as [number, number] };
        });
        label += ')';
        return {
            signatures: [
                {
                    label,
                    parameters,
                    documentation: `block ${block.name}: ${paramNames.length} parameter${paramNames.length === 1 ? '' : 's'}`
                }
            ],
            activeSignature: 0,
            activeParameter
        };
    }

    /** The block `name` as a call here would link to it: declared in this file or an imported one. */
    private findBlock(document: LangiumDocument, name: string): Block | undefined {
        const node = visibleElements(this.services.shared, document, 'Block').find(d => d.name === name)?.node;
        return isBlock(node) ? node : undefined;
    }

    get signatureHelpOptions(): SignatureHelpOptions {
        return { triggerCharacters: ['(', ','], retriggerCharacters: [','] };
    }
}

/** Offset of the `(` that encloses `offset` on the same statement, or -1. */
function unmatchedParen(text: string, offset: number): number {
    let depth = 0;
    for (let i = offset - 1; i >= 0 && i > offset - 500; i--) {
        const c = text[i];
        if (c === ')') depth++;
        else if (c === '(') {
            if (depth === 0) return i;
            depth--;
        } else if (c === '\n' || c === '{' || c === '}') return -1;
    }
    return -1;
}
