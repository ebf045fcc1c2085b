import { AstUtils, type AstNode, type Cancellation, type LangiumDocument, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { BlockCall, ConvspecAstType, Model } from '../generated/ast.js';
import type { ConvspecServices } from '../convspec-module.js';
import type { InferenceIssue } from '../inference/issues.js';
import { issueMessage } from '../presentation/issue-messages.js';
import { checkBlockCall, checkBlockCycles } from './block-checks.js';
import { checkImports } from './import-checks.js';
import { checkLabels } from './label-checks.js';
import {
    checkChannelsFirst,
    checkInDim,
    checkLabelDim,
    checkLabelRef,
    checkParamRef,
    checkStrayStatements,
    checkUnknownOption,
    checkUnknownStatement
} from './name-checks.js';
import { checkActivationArgument, checkOptions } from './option-checks.js';
import { checkNetworkOrder } from './order-checks.js';
import { issueRange } from '../diagnostics/issue-range.js';
import { acceptIssue } from './report-issue.js';

/** The checks, in the order a reader meets the problems in a file. */
export function registerValidationChecks(services: ConvspecServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.ConvspecValidator;
    const checks: ValidationChecks<ConvspecAstType> = {
        Model: [
            (model, accept) => checkImports(model, accept, services),
            (model, accept, cancelToken) => validator.reportInference(model, accept, cancelToken)
        ],
        Network: [checkNetworkOrder, checkLabels],
        Block: [checkLabels, checkBlockCycles],
        BlockCall: (call, accept) => checkBlockCall(call, accept, services),
        LayerOption: checkOptions,
        Activation: checkActivationArgument,
        Input: checkChannelsFirst,
        UnknownStatement: checkUnknownStatement(services),
        UnknownOption: checkUnknownOption,
        LabelRef: checkLabelRef,
        LabelDim: checkLabelDim,
        InDim: checkInDim,
        ParamRef: checkParamRef,
        Concat: checkStrayStatements,
        Split: checkStrayStatements
    };
    registry.register(checks, validator);
}

/** Reports what the inference engine found; the arithmetic itself lives only there. */
export class ConvspecValidator {
    constructor(private readonly services: ConvspecServices) {}

    /** A newer edit cancels the build between networks (`cancelToken`); the CLI passes none. */
    async reportInference(model: Model, accept: ValidationAcceptor, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        const document = AstUtils.getDocument(model);
        const analysis = await this.services.inference.Analyzer.analyzeInterruptibly(document, cancelToken);
        for (const issue of analysis.issues) this.reportIssue(issue, document, accept);
    }

    private reportIssue(issue: InferenceIssue, document: LangiumDocument, accept: ValidationAcceptor): void {
        const inThisDocument = (n: AstNode) => AstUtils.getDocument(n) === document;
        let nodes = issue.nodes.filter(inThisDocument);
        let message = issueMessage(issue);
        if (nodes.length === 0) {
            // The fault is inside a block imported from another file: show it at the call.
            const call = issue.callPath.find(inThisDocument);
            if (!call) return;
            nodes = [call];
            message = `in block ${issue.callPath[issue.callPath.length - 1].block?.$refText}: ${message}`;
        } else if (issue.callPath.length > 0) {
            const k = issue.callPath.length - 1;
            const call = issue.callPath[k];
            const line = (call.$cstNode?.range.start.line ?? 0) + 1;
            message = `${message} — in the call ${callText(call, issue.callArgs[k])} on line ${line}`;
        }
        const range = issueRange(nodes, nodes.length === 1 ? issue.property : undefined);
        acceptIssue(accept, issue.code, message, { node: nodes[0], range });
    }
}

/** `stage(128, 2)`, with the values the arguments had in this call (`bottleneck(w, s)` inside a block is `bottleneck(64, 2)`). */
function callText(call: BlockCall, args: readonly number[] | undefined): string {
    const written = call.args.map(a => a.$cstNode?.text ?? '?');
    return `${call.block?.$refText}(${(args ?? written).join(', ')})`;
}
