import { AstUtils, type ValidationAcceptor } from 'langium';
import type { ConvspecServices } from '../convspec-module.js';
import { isBlockCall, type Block, type BlockCall } from '../generated/ast.js';
import { visibleElements } from '../workspace/imports.js';
import { unknownBlockSuggestion } from './name-checks.js';
import { acceptIssue } from './report-issue.js';

export function checkBlockCall(call: BlockCall, accept: ValidationAcceptor, services: ConvspecServices): void {
    const block = call.block?.ref;
    if (!block) {
        const known = visibleElements(services.shared, AstUtils.getDocument(call), 'Block')
            .map(d => d.name)
            .toArray();
        acceptIssue(
            accept,
            'unknown-block',
            `no block named \`${call.block?.$refText ?? ''}\`${unknownBlockSuggestion(call, services)}` +
                (known.length ? ` (blocks here: ${known.join(', ')})` : ' (this file imports none and declares none)'),
            { node: call, property: 'block' }
        );
        return;
    }
    if (block.params.length !== call.args.length) {
        const signature = `${block.name}(${block.params.map(p => p.name).join(', ')})`;
        acceptIssue(
            accept,
            'arity',
            `${signature} takes ${block.params.length} argument${block.params.length === 1 ? '' : 's'}, ${call.args.length} given`,
            { node: call }
        );
    }
}

/** A block that reaches itself through calls would expand forever. */
export function checkBlockCycles(block: Block, accept: ValidationAcceptor): void {
    for (const call of AstUtils.streamAllContents(block).filter(isBlockCall)) {
        const path = cycleThrough(call, block);
        if (path) {
            acceptIssue(accept, 'block-cycle', `block ${block.name} calls itself: ${[block.name, ...path].join(' → ')}`, {
                node: call,
                property: 'block'
            });
        }
    }
}

/** The chain of block names from `call` back to `target`, if there is one. */
function cycleThrough(call: BlockCall, target: Block): string[] | undefined {
    const visited = new Set<Block>();
    const walk = (c: BlockCall): string[] | undefined => {
        const next = c.block?.ref;
        if (!next) return undefined;
        if (next === target) return [next.name];
        if (visited.has(next)) return undefined;
        visited.add(next);
        for (const inner of AstUtils.streamAllContents(next).filter(isBlockCall)) {
            const rest = walk(inner);
            if (rest) return [next.name, ...rest];
        }
        return undefined;
    };
    return walk(call);
}
