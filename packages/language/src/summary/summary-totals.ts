import { formatCountOrUnknown, formatMegabytes, formatVolumeArray } from '../presentation/numbers.js';
import type { ColumnName } from './columns.js';
import type { NetworkSummary } from './summary-model.js';

/**
 * The lines under a summary table, in torchinfo's words: totals, then the
 * memory lines in decimal megabytes for the batch and element type chosen.
 * MACs are per sample (what papers quote); with a batch larger than one a
 * line gives the batch's, which is torchinfo's "Total mult-adds".
 */
export function summaryTotals(network: NetworkSummary, columns: readonly ColumnName[]): [string, string][] {
    const { memory } = network;
    const lines: [string, string][] = [
        ['Input', formatVolumeArray(network.input)],
        ['Output', formatVolumeArray(network.output)],
        ['Total params', formatCountOrUnknown(network.params)],
        ['Total MACs', formatCountOrUnknown(network.macs)]
    ];
    if (columns.includes('flops')) lines.push(['Total FLOPs', formatCountOrUnknown(network.macs === null ? null : 2 * network.macs)]);
    if (memory.batch > 1)
        lines.push([
            `Total MACs (batch of ${memory.batch})`,
            formatCountOrUnknown(network.macs === null ? null : memory.batch * network.macs)
        ]);
    lines.push(
        ['Memory for', `batch ${memory.batch}, ${memory.dtype} (${memory.bytesPerValue} bytes per value)`],
        ['Input size (MB)', formatMegabytes(memory.inputBytes)],
        ['Forward/backward pass size (MB)', formatMegabytes(memory.forwardBackwardBytes)],
        ['Params size (MB)', formatMegabytes(memory.paramsBytes)],
        ['Estimated Total Size (MB)', formatMegabytes(memory.totalBytes)]
    );
    return lines;
}
