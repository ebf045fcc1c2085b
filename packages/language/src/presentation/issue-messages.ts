import { MAX_EXACT } from '../inference/checked.js';
import { formatFraction, fraction } from '../inference/fraction.js';
import type { CountName, InferenceIssue, IssuePayloads } from '../inference/issues.js';
import { formatVolume, type Volume } from '../inference/model.js';
import {
    maxPoolPadding,
    nearestTilingInputs,
    nearestValidPadding,
    paddingCanTile,
    windowAxis,
    type WindowKind
} from '../inference/spatial.js';
import { substitutedFormula } from './formulas.js';
import { formatCount, writtenNumber } from './numbers.js';
import { groupDigits } from '../util/group-digits.js';

/*
 * The one place where what the engine found becomes words. Every message
 * shows the arithmetic with the numbers substituted, and says what would fix
 * the problem when the numbers tell.
 */

const EXTENT = ['wide', 'high'] as const;
const NOUN: Record<WindowKind, string> = { conv: 'filter', pool: 'window' };

/** `network ResNet50`, or `this network` while the name is not typed yet. */
function networkName(name: string): string {
    return name ? `network ${name}` : 'this network';
}

const LIMIT = `2^53 (${groupDigits(MAX_EXACT)})`;

function nonIntegerOutput(data: IssuePayloads['non-integer-output']): string {
    const { axis, kernel, layer } = data;
    const r = data.axes[axis];
    const dilation = r.dilation > 1 ? ` (dilation ${r.dilation}: ${r.effectiveKernel} wide effective)` : '';
    const head =
        `${substitutedFormula(r)} = ${formatFraction(r.exact)} is not an integer: the ${kernel[0]}×${kernel[1]} ${NOUN[layer]}${dilation}` +
        ` at stride ${r.stride} does not tile the ${r.input}-${EXTENT[axis]} input`;
    if (!paddingCanTile(r.input, r.effectiveKernel, r.stride)) {
        const inputs = nearestTilingInputs(r.input, r.effectiveKernel, r.stride, r.padLow);
        const sizes = [inputs.below, inputs.above].filter(v => v !== undefined).join('- or ');
        return (
            `${head}; no padding can fix this: ${r.input} − ${r.effectiveKernel} = ${r.input - r.effectiveKernel} is odd ` +
            `and the stride ${r.stride} is even, while 2·P is always even — ` +
            `use a ${sizes}-${EXTENT[axis]} input, an odd stride, or \`floor\`/\`ceil\``
        );
    }
    const maxPad = layer === 'pool' ? maxPoolPadding(r.kernel) : Infinity;
    const choices = nearestValidPadding(r.input, r.effectiveKernel, r.stride, r.padLow, maxPad);
    const options = [choices.below, choices.above]
        .filter((p): p is number => p !== undefined)
        .map(p => `pad ${p} gives ${windowAxis({ ...r, pad: p }, 'strict').size}`);
    return options.length ? `${head} (${options.join(', ')})` : head;
}

function kernelTooLarge(data: IssuePayloads['kernel-too-large']): string {
    if (data.shape === 'transposed') {
        const { input, stride, pad, dilation, kernel, outpad, size } = data;
        const formula = `(${input} − 1)·${stride} − 2·${pad} + ${dilation}·(${kernel} − 1) + ${outpad} + 1`;
        return `${formula} = ${size}: the padding removes the whole output`;
    }
    const r = data.result;
    const side = EXTENT[data.axis];
    return (
        `the ${r.effectiveKernel}-${side} ${NOUN[data.layer]} does not fit ` +
        `the ${r.input}-${side} input padded to ${r.input + r.padLow + r.padHigh}: ` +
        `${substitutedFormula(r)} = ${formatFraction(r.exact)}`
    );
}

function invalidValue(data: IssuePayloads['invalid-value']): string {
    switch (data.reason) {
        case 'not-positive':
            return `${data.quantity} ${data.value} is not allowed: it must be at least 1`;
        case 'negative':
            return `${data.quantity} ${data.values.join('x')} is negative: it is 0 or more`;
        case 'not-a-pair':
            return `a ${data.quantity} is N or WxH, not ${data.values.join('x')}`;
        case 'not-a-volume':
            return `an input volume is WxHxD, not ${data.values.join('x')}`;
        case 'dropout-rate':
            return `dropout rate ${data.rate} is outside [0, 1)`;
        case 'not-whole':
            return `${writtenNumber(data.text)} is not a whole number: sizes and counts are whole numbers`;
    }
}

function groupsMismatch({ groups, inputDepth, filters }: IssuePayloads['groups-mismatch']): string {
    const undivided = [inputDepth % groups ? `the input depth ${inputDepth}` : '', filters % groups ? `the ${filters} filters` : ''].filter(
        Boolean
    );
    return `groups ${groups} must divide both the input depth and the number of filters, but does not divide ${undivided.join(' or ')}`;
}

function tooLarge(data: IssuePayloads['too-large']): string {
    switch (data.reason) {
        case 'literal':
            return `${writtenNumber(data.digits)} exceeds 2^53: convspec cannot count it exactly`;
        case 'count':
            return `${data.count} exceeds ${LIMIT} and cannot be computed exactly`;
        case 'unrolled':
            return `${networkName(data.network)} unrolls to more than ${groupDigits(data.limit)} layers and repetitions`;
        case 'total': {
            const unit = UNITS[data.count] ?? data.count;
            const alone = BigInt(data.own) > BigInt(MAX_EXACT);
            const why = alone
                ? `whose ${data.output ? `output ${formatVolume(data.output)} ` : ''}alone is ${writtenNumber(data.own)} ${unit}`
                : `whose ${writtenNumber(data.own)} ${unit} bring it to ${writtenNumber(data.sum)}`;
            const where = `the ${data.count} of ${networkName(data.network)} passes ${LIMIT} at this ${data.layer}`;
            return `${where}, ${why}: it cannot be computed exactly`;
        }
    }
}

/** What a network total counts, for the words after its number. */
const UNITS: Partial<Record<CountName, string>> = {
    'parameter count': 'parameters',
    'MAC count': 'MACs',
    'activation count': 'activations'
};

const named = (v: { readonly label?: string; readonly volume: Volume }) => `${v.label ?? 'the current volume'} ${formatVolume(v.volume)}`;

function mergeMismatch(data: IssuePayloads['merge-mismatch']): string {
    const { statement, volumes, problem } = data;
    const list = volumes.map(named).join(', ');
    const [current] = volumes;
    if (statement === 'multiply' && volumes.length === 2 && !volumes[1].label && current) {
        // The gate of `multiply { … }`.
        const x = current.volume;
        const g = volumes[1].volume;
        return (
            `the gate gives ${formatVolume(g)}, which does not broadcast to ${formatVolume(x)}: ` +
            `it must be 1×1×${x.d}, ${x.w}×${x.h}×1 or ${formatVolume(x)}`
        );
    }
    switch (problem) {
        case 'size':
            return statement === 'route'
                ? `\`route\` concatenates on depth and needs equal W×H: ${list}`
                : `\`${statement} with\` needs equal W×H: ${list} (\`crop\` centre-crops the references to the current size)`;
        case 'crop':
            return `\`crop\` cuts the references to the current ${current?.volume.w}×${current?.volume.h}, but one is smaller: ${list}`;
        case 'volume':
            return `\`add\` needs equal volumes: ${list}`;
        case 'broadcast':
            return `\`multiply\` needs volumes that broadcast (1×1×D, W×H×1 or equal): ${list}`;
    }
}

function splitMismatch({ depth, sizes, branches }: IssuePayloads['split-mismatch']): string {
    if (!sizes) {
        const parts = branches === 0 ? 'no branch' : `${depth} / ${branches} = ${formatFraction(fraction(depth, branches))}`;
        return `the input depth ${depth} does not split into ${branches} equal part${branches === 1 ? '' : 's'} (${parts})`;
    }
    if (sizes.length !== branches) {
        const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
        const given = `${plural(sizes.length, 'depth', 'depths')} (${sizes.join(', ')}) for ${plural(branches, 'branch', 'branches')}`;
        const equal = branches > 0 && depth % branches === 0 ? `, or none for ${branches} equal parts of ${depth / branches}` : '';
        return `${given}: give one depth per branch, adding up to ${depth}${equal} (\`split { … }\`)`;
    }
    return `the depths ${sizes.join(' + ')} = ${sizes.reduce((a, b) => a + b, 0)}, but the input is ${depth} deep`;
}

/** The message of an engine issue, without where it was called from (the validator adds that). */
export function issueMessage(issue: InferenceIssue): string {
    switch (issue.code) {
        case 'non-integer-output':
            return nonIntegerOutput(issue.data);
        case 'kernel-too-large':
            return kernelTooLarge(issue.data);
        case 'outpad-too-large': {
            const { outpad, stride, dilation } = issue.data;
            return `output padding ${outpad} must be smaller than the stride ${stride} or the dilation ${dilation} (PyTorch's rule)`;
        }
        case 'invalid-value':
            return invalidValue(issue.data);
        case 'pool-padding-too-large': {
            const { axis, pad, kernel, max } = issue.data;
            return (
                `pool padding ${pad} is more than half the ${kernel}-${EXTENT[axis]} window ` +
                `(at most ⌊${kernel}/2⌋ = ${max}, as PyTorch requires)`
            );
        }
        case 'groups-mismatch':
            return groupsMismatch(issue.data);
        case 'concat-mismatch': {
            const sizes = issue.data.sizes.map(([w, h], i) => `branch ${i + 1}: ${w}×${h}`);
            return `concatenated branches must agree on W×H (${sizes.join(', ')})`;
        }
        case 'residual-mismatch': {
            const { body, shortcut, identityShortcut } = issue.data;
            const other = identityShortcut ? 'identity shortcut' : 'shortcut';
            return `the residual body gives ${formatVolume(body)} but the ${other} gives ${formatVolume(shortcut)}`;
        }
        case 'missing-input':
            return `${networkName(issue.data.network)} has no \`input WxHxD\`: nothing to infer shapes from`;
        case 'inexact-division': {
            const { dividend, divisor } = issue.data;
            return divisor === 0
                ? `${dividend} / 0: division by zero`
                : `${dividend} / ${divisor} = ${formatFraction(fraction(dividend, divisor))} is not an integer: ` +
                      'sizes and counts are whole numbers';
        }
        case 'too-large':
            return tooLarge(issue.data);
        case 'stride-skips-input': {
            const { axis, stride, effectiveKernel, layer } = issue.data;
            return (
                `stride ${stride} is larger than the ${effectiveKernel}-${EXTENT[axis]} ${NOUN[layer]}: ` +
                `${stride - effectiveKernel} of every ${stride} input ${axis ? 'rows' : 'columns'} are never seen`
            );
        }
        case 'padded-1x1': {
            const { input, output } = issue.data;
            return (
                'padding a 1×1 convolution only adds a border computed from zeros ' +
                `(${input[0]}×${input[1]} becomes ${output[0]}×${output[1]}); a 1×1 conv keeps the resolution`
            );
        }
        case 'merge-mismatch':
            return mergeMismatch(issue.data);
        case 'split-mismatch':
            return splitMismatch(issue.data);
        case 'shuffle-mismatch': {
            const { depth, groups } = issue.data;
            return (
                `a channel shuffle in ${groups} groups needs a depth divisible by ${groups}; ` +
                `the input is ${depth} deep (${depth} / ${groups} = ${formatFraction(fraction(depth, groups))})`
            );
        }
        case 'crop-too-large': {
            const { input, size } = issue.data;
            return `crop ${size[0]}×${size[1]} is larger than its ${input[0]}×${input[1]} input`;
        }
        case 'dense-on-spatial': {
            const { input, inputs } = issue.data;
            return (
                `dense on a ${formatVolume(input)} volume flattens it implicitly to ${formatCount(inputs)} inputs; ` +
                'write `flatten` or a global pool to say so'
            );
        }
    }
}
