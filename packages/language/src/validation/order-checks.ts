import type { ValidationAcceptor } from 'langium';
import { isBiasSetting, isInput, isRoundingSetting, type Network } from '../generated/ast.js';
import { IssueCodes } from './codes.js';

/** `input` first, defaults before the first layer, each at most once. */
export function checkNetworkOrder(network: Network, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    let firstLayer = -1;
    network.statements.forEach((statement, index) => {
        const isSetting = isRoundingSetting(statement) || isBiasSetting(statement);
        if (!isInput(statement) && !isSetting) {
            if (firstLayer < 0) firstLayer = index;
            return;
        }
        const keyword = isInput(statement) ? 'input' : isRoundingSetting(statement) ? 'rounding' : 'bias';
        if (seen.has(keyword)) {
            accept('error', `\`${keyword}\` is given twice in network ${network.name}`, { node: statement, code: IssueCodes.StatementOrder });
            return;
        }
        seen.add(keyword);
        if (isInput(statement) && index !== 0) {
            accept('error', '`input` must be the first statement of a network', { node: statement, code: IssueCodes.StatementOrder });
        } else if (isSetting && firstLayer >= 0) {
            accept('error', `\`${keyword}\` sets the network's default and may only precede the first layer`, { node: statement, code: IssueCodes.StatementOrder });
        }
    });
}
