/**
 * The npm package's library API (`import { summarize } from 'convspec'`):
 * `.conv` text in, plain data out — what the CLI's commands print, as
 * values. Every function reads only the text it is given (and `files`, for
 * `import`), uses no Node built-in, and runs in Node and in a browser alike.
 *
 * The declarations the package ships start here and name no Langium type:
 * a consumer's type-check needs nothing but this package (the build checks
 * it, see scripts/package-types.mjs).
 */
import { analyzeText, type AnalyzedFile } from './analyze.js';
import { diffNetworks } from '../compare/network-diff.js';
import type { NetworkDiff } from '../compare/diff-types.js';
import type { ConvDiagnostic } from '../diagnostics/conv-diagnostic.js';
import { exportPyTorch } from '../export/pytorch-export.js';
import type { NetworkAnalysis } from '../inference/model.js';
import { annotateSource } from '../presentation/annotate.js';
import type { NumberFormat } from '../presentation/numbers.js';
import { statementHints } from '../presentation/statement-hints.js';
import { renderDocumentSvg } from '../render/network-svg.js';
import { DEFAULT_MEMORY } from '../summary/memory.js';
import { fileSummary } from '../summary/summary-model.js';
import type { Dtype, FileSummary } from '../summary/summary-types.js';
import { BUNDLED_VERSION } from '../util/bundled.js';

export type { DiffAspect, DiffNetworkHeader, DiffRow, DiffSide, DiffTotal, NetworkDiff } from '../compare/diff-types.js';
export { ISSUE_CODES, ISSUE_REGISTRY, type IssueCode, type IssueInfo, type Severity } from '../diagnostics/codes.js';
export type { ConvDiagnostic } from '../diagnostics/conv-diagnostic.js';
export { NUMBER_FORMATS, type NumberFormat } from '../presentation/numbers.js';
export type {
    Dtype,
    FileSummary,
    GroupNode,
    LaneKind,
    LayerNode,
    LayerSummary,
    MemoryFigures,
    MemoryOptions,
    NetworkSummary,
    StructureKind,
    SummaryNode
} from '../summary/summary-types.js';

/** Where a text sits, for its `import`s and for the names in messages. */
export interface SourceOptions {
    /** The text's URI (default `memory:///untitled.conv`); imports resolve relative to it. */
    readonly uri?: string;
    /** The other files an `import` may read, by URI, e.g. `{ 'memory:///blocks.conv': '…' }`. */
    readonly files?: Readonly<Record<string, string>>;
}

export interface NetworkOptions extends SourceOptions {
    /** Only this network of the file (default: every network). */
    readonly network?: string;
}

export interface SummaryOptions extends NetworkOptions {
    /** The batch size of the memory figures (default 1). */
    readonly batch?: number;
    /** The element type of the memory figures (default float32). */
    readonly dtype?: Dtype;
}

export interface DrawOptions extends NetworkOptions {
    /** How counts read in the diagram (default grouped: 165,984). */
    readonly numbers?: NumberFormat;
}

/** A side of `compare`: a text and, when it holds more than one network, which. */
export interface CompareSide extends NetworkOptions {
    readonly text: string;
}

/** Thrown when the asked-for network is missing, or `toPyTorch` meets errors; `diagnostics` holds the file's. */
export class ConvspecError extends Error {
    override readonly name = 'ConvspecError';
    constructor(
        message: string,
        readonly diagnostics: readonly ConvDiagnostic[] = []
    ) {
        super(message);
    }
}

const UNTITLED = 'memory:///untitled.conv';

async function analyzed(text: string, options: SourceOptions = {}): Promise<AnalyzedFile> {
    return analyzeText(text, options.uri ?? UNTITLED, new Map(Object.entries(options.files ?? {})));
}

function chosen(file: AnalyzedFile, network: string | undefined): NetworkAnalysis[] {
    const networks = file.analysis.networks.filter(n => network === undefined || n.name === network);
    if (network !== undefined && networks.length === 0) {
        const names = file.analysis.networks.map(n => n.name).filter(name => !!name);
        throw new ConvspecError(`no network ${network} in ${file.uri}${names.length ? ` (networks: ${names.join(', ')})` : ''}`);
    }
    return networks;
}

/** Every diagnostic of the text (syntax, names, arithmetic), 1-based, in reading order: `convspec check`. */
export async function check(text: string, options?: SourceOptions): Promise<ConvDiagnostic[]> {
    return [...(await analyzed(text, options)).diagnostics];
}

/** The layers, structures, totals and memory figures of each network: `convspec summary --format json`. */
export async function summarize(text: string, options: SummaryOptions = {}): Promise<FileSummary> {
    const file = await analyzed(text, options);
    chosen(file, options.network);
    const memory = { batch: options.batch ?? DEFAULT_MEMORY.batch, dtype: options.dtype ?? DEFAULT_MEMORY.dtype };
    return fileSummary(file.uri, file.document, file.analysis, options.network, memory);
}

/** The text with every line's output volume and parameters appended as a comment: `convspec annotate`. */
export async function annotate(text: string, options?: SourceOptions): Promise<string> {
    const file = await analyzed(text, options);
    return annotateSource(text, statementHints(file.document, file.analysis));
}

/** The networks as a PyTorch module (Python source): `convspec export --to pytorch`. Rejects a text with errors. */
export async function toPyTorch(text: string, options: NetworkOptions = {}): Promise<string> {
    const file = await analyzed(text, options);
    chosen(file, options.network);
    const errors = file.diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0) {
        throw new ConvspecError(`not exported: ${errors.length} error${errors.length > 1 ? 's' : ''} in ${file.uri}`, file.diagnostics);
    }
    return exportPyTorch(file.analysis, {
        source: file.uri,
        version: PACKAGE_VERSION,
        networks: options.network === undefined ? undefined : [options.network]
    });
}

/** The network diagram as an SVG document: `convspec draw`. */
export async function drawSvg(text: string, options: DrawOptions = {}): Promise<string> {
    const file = await analyzed(text, options);
    return renderDocumentSvg(file.analysis, { networks: chosen(file, options.network), numberFormat: options.numbers ?? 'grouped' });
}

/** Two networks row by row, with totals and their differences: `convspec diff --format json`. */
export async function compare(a: CompareSide, b: CompareSide): Promise<NetworkDiff> {
    const [left, right] = await Promise.all([a, b].map(async side => onlyNetwork(await analyzed(side.text, side), side.network)));
    return diffNetworks(left, right);
}

function onlyNetwork(file: AnalyzedFile, name: string | undefined): NetworkAnalysis {
    const networks = chosen(file, name);
    if (networks.length !== 1) {
        throw new ConvspecError(
            networks.length === 0 ? `no network in ${file.uri}` : `${file.uri} has ${networks.length} networks: name one with \`network\``,
            file.diagnostics
        );
    }
    return networks[0];
}

/** The unbundled build says so instead of a version. */
const PACKAGE_VERSION = BUNDLED_VERSION ?? 'development';
