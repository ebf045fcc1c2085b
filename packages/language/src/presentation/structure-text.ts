import type { StructureInstance } from '../inference/model.js';

/** What a structure's row shows of it: its kind and, by kind, the block and arguments, the count or the parts. */
export interface StructureFields {
    readonly kind: StructureInstance['op'];
    readonly block?: string;
    readonly args?: number[];
    readonly count?: number;
    readonly parts?: number[];
}

/** The fields of an evaluated structure (the summary tree's JSON carries them as they are: no nulls, fresh arrays). */
export function structureFields(instance: StructureInstance): StructureFields {
    const kind = instance.op;
    switch (instance.op) {
        case 'call':
            return {
                kind,
                block: instance.block?.name ?? instance.node.block.$refText,
                ...(instance.args ? { args: [...instance.args] } : {})
            };
        case 'repeat':
            return instance.count === undefined ? { kind } : { kind, count: instance.count };
        case 'split':
            return instance.parts ? { kind, parts: [...instance.parts] } : { kind };
        default:
            return { kind };
    }
}

/**
 * A structure as a table row names it, without its label: `stage(64, 3)`,
 * `repeat 3`, `split 32, 32`, `concat`. One wording for the summary's rows
 * and the diff's.
 */
export function structureText(s: Omit<StructureFields, 'kind'> & { readonly kind: string }): string {
    switch (s.kind) {
        case 'call':
            return `${s.block ?? '?'}(${s.args ? s.args.join(', ') : '…'})`;
        case 'repeat':
            return `repeat ${s.count ?? '?'}`;
        case 'split':
            return s.parts ? `split ${s.parts.join(', ')}` : 'split';
        default:
            return s.kind;
    }
}
