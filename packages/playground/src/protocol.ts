/*
 * The playground's own requests to its language-server worker, beside LSP:
 * what the page shows and downloads, computed from the analysis the server
 * has already built for the document's version (never a second analysis).
 */

/** The network view of a document at (at least) a version: the summary tables and diagrams. */
export const VIEW_REQUEST = 'convspec/playground/view';

/** Two networks of a document side by side (the compare view): totals, aligned tables, both diagrams. */
export const COMPARE_REQUEST = 'convspec/playground/compare';

/** A download made from a document: the PyTorch module or the standalone SVG. */
export const EXPORT_REQUEST = 'convspec/playground/export';

/** `convspec.numberFormat`: how counts are written in the view and the SVG. */
export type NumberFormat = 'grouped' | 'compact' | 'plain';

export interface ViewParams {
    readonly uri: string;
    readonly version: number;
    readonly numberFormat: NumberFormat;
}

export interface ViewResult {
    /** The shared renderer's body (renderNetworkBody): every name already escaped. */
    readonly html: string;
}

/** The compare view's two networks, by name: A on the left, B on the right; the change reads A → B, as `convspec diff`. */
export interface CompareSides {
    readonly a: string;
    /** Omitted: the file's first other network (the lens of a file with three or more leaves the choice to the page). */
    readonly b?: string;
}

export interface CompareParams extends CompareSides {
    readonly uri: string;
    readonly version: number;
    readonly numberFormat: NumberFormat;
}

export interface CompareResult {
    /** The shared renderer's compare body, or the reason there is none (a name no longer in the file); escaped. */
    readonly html: string;
    /** The document's network names, in order, to pick the sides from. */
    readonly networks: readonly string[];
    /** The sides shown, B filled in. */
    readonly sides: Required<CompareSides>;
}

export type ExportFormat = 'pytorch' | 'svg';

export interface ExportParams {
    readonly uri: string;
    readonly version: number;
    readonly format: ExportFormat;
    readonly numberFormat: NumberFormat;
}

/** The file's text, or why there is none (errors in the file: nothing to export, as the CLI refuses). */
export type ExportResult = { readonly text: string } | { readonly refused: string };
