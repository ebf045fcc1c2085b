import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver-types';
import type { ConvspecServices } from '../convspec-module.js';
import {
    isBlock,
    isBlockCall,
    isInput,
    isLabelDim,
    isLabelRef,
    isNetwork,
    isStatement,
    type Block,
    type BlockCall,
    type LabelDim,
    type LabelRef
} from '../generated/ast.js';
import { formatVolume, type DocumentAnalysis, type NetworkAnalysis } from '../inference/model.js';
import { editorValidInputs } from '../inference/valid-inputs.js';
import { explainInputSizes } from '../presentation/input-sizes.js';
import {
    explainBlockCalls,
    explainInstance,
    explainNetwork,
    explainReference,
    explainStructure
} from '../presentation/layer-explanation.js';

/**
 * Hover anywhere on a statement — keyword, label or number — not only on a
 * declaration's name, which is all Langium's default hover covers.
 */
export class ConvspecHoverProvider implements HoverProvider {
    constructor(private readonly services: ConvspecServices) {}

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        if (!leaf) return undefined;
        const analysis = this.services.inference.Analyzer.analyzeWithCallers(document);
        const value = this.contentFor(leaf.astNode, leaf.text, analysis);
        return value ? { contents: { kind: MarkupKind.Markdown, value }, range: leaf.range } : undefined;
    }

    private contentFor(node: AstNode, text: string, analysis: DocumentAnalysis): string | undefined {
        const reference = AstUtils.getContainerOfType(node, n => isLabelRef(n) || isLabelDim(n));
        if (reference && (isLabelRef(reference) || isLabelDim(reference))) {
            const explained = this.referenceHover(reference, analysis);
            if (explained) return explained;
        }
        const call = AstUtils.getContainerOfType(node, isBlockCall);
        if (call && call.block?.ref && text === call.block.$refText) {
            return this.blockHover(call.block.ref, analysis) + this.callTotals(call, analysis);
        }
        const statement = AstUtils.getContainerOfType(node, isStatement);
        if (statement) {
            const instances = analysis.instancesByNode.get(statement) ?? [];
            const first = instances[0];
            if (!first) return `**${statement.$type.toLowerCase()}** — not evaluated (no input volume reaches it)`;
            return explainInstance(first, instances.length - 1);
        }
        const input = AstUtils.getContainerOfType(node, isInput);
        if (input) {
            const network = analysis.networks.find(n => n.network === input.$container);
            const sizes = network && inputSizes(network);
            return network?.input && sizes ? `**input** — ${formatVolume(network.input)} (W×H×D)\n\n${sizes}` : undefined;
        }
        const block = AstUtils.getContainerOfType(node, isBlock);
        if (block && text === block.name) return this.blockHover(block, analysis);
        const network = AstUtils.getContainerOfType(node, isNetwork);
        const result = network && analysis.networks.find(n => n.network === network);
        return result && text === network.name ? explainNetwork(result) : undefined;
    }

    /** A label named by a reference: where it is defined, and the volume read there. */
    private referenceHover(reference: LabelRef | LabelDim, analysis: DocumentAnalysis): string | undefined {
        const target = isLabelRef(reference) ? reference.target.ref : reference.label.ref;
        if (!target?.label) return undefined;
        const statement = AstUtils.getContainerOfType(reference, isStatement);
        const read = (statement ? (analysis.instancesByNode.get(statement) ?? []) : [])
            .flatMap(i => (i.kind === 'layer' ? (i.sources ?? []) : []))
            .filter(s => s.instance.node === target);
        const line = (target.$cstNode?.range.start.line ?? 0) + 1;
        return explainReference(target.label, analysis.instancesByNode.get(target)?.[0], line, read.slice(0, 1));
    }

    private callTotals(call: BlockCall, analysis: DocumentAnalysis): string {
        const instance = analysis.instancesByNode.get(call)?.[0];
        return instance?.kind === 'structure' ? `\n\n---\n\nThis call: ${explainStructure(instance)}` : '';
    }

    /** Every call of the block in this document's networks, with its volumes. */
    private blockHover(block: Block, analysis: DocumentAnalysis): string {
        const calls = [...analysis.instancesByNode.entries()]
            .filter(([node]) => isBlockCall(node) && node.block?.ref === block)
            .flatMap(([, instances]) => instances);
        const params = block.params.map(p => p.name).join(', ');
        return explainBlockCalls(`${block.name}(${params})`, calls);
    }
}

/**
 * The nearest valid input sizes and the smallest, over 1..4096 (or twice the declared size), from the solve kept
 * per analysis (editorValidInputs).
 */
function inputSizes(network: NetworkAnalysis): string | undefined {
    const result = editorValidInputs(network);
    if (!result || !network.input) return undefined;
    const line = result.kind === 'unsolvable' ? (result.node.$cstNode?.range.start.line ?? -1) + 1 : undefined;
    return explainInputSizes(result, network.input, network.rounding, line);
}
