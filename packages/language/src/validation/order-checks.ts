import type { ValidationAcceptor } from 'langium';
import { isBiasSetting, isInput, isRoundingSetting, type Network } from '../generated/ast.js';
import { acceptIssue } from './report-issue.js';

/** `input` first, defaults before the first layer, each at most once. */
export function checkNetworkOrder(network: Network, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    let firstLayer = -1;
    // A loop, not a callback: a closure would hold `network` (and its tree) while V8 optimizes it (workspace/ast-walk.ts).
    for (let index = 0; index < network.statements.length; index++) {
        const statement = network.statements[index];
        const isSetting = isRoundingSetting(statement) || isBiasSetting(statement);
        if (!isInput(statement) && !isSetting) {
            if (firstLayer < 0) firstLayer = index;
            continue;
        }
        const keyword = isInput(statement) ? 'input' : isRoundingSetting(statement) ? 'rounding' : 'bias';
        if (seen.has(keyword)) {
            acceptIssue(
                accept,
                'statement-order',
                `\`${keyword}\` is given twice in ${network.name ? `network ${network.name}` : 'this network'}`,
                { node: statement }
            );
            continue;
        }
        seen.add(keyword);
        if (isInput(statement) && index !== 0) {
            acceptIssue(accept, 'statement-order', '`input` must be the first statement of a network', { node: statement });
        } else if (isSetting && firstLayer >= 0) {
            acceptIssue(accept, 'statement-order', `\`${keyword}\` sets the network's default and may only precede the first layer`, {
                node: statement
            });
        }
    }
}
