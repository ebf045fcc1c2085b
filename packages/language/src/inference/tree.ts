import type { Instance, LayerInstance, StructureInstance } from './model.js';

/** A layer with how many structures (block calls, repeats, concats, residuals) enclose it. */
export interface NestedLayer {
    readonly layer: LayerInstance;
    readonly depth: number;
    /** The enclosing structures, outermost first. */
    readonly ancestors: readonly StructureInstance[];
}

/** Every layer below `instances`, in execution order, with its nesting: the rows of a summary table. */
export function nestedLayers(instances: readonly Instance[], ancestors: readonly StructureInstance[] = []): NestedLayer[] {
    return instances.flatMap(instance =>
        instance.kind === 'layer'
            ? [{ layer: instance, depth: ancestors.length, ancestors }]
            : instance.lanes.flatMap(lane => nestedLayers(lane.children, [...ancestors, instance]))
    );
}
