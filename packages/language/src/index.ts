/**
 * convspec's library API: the `.conv` language, its inference engine, the
 * diagnostics, the summary model, the PyTorch exporter and the renderer.
 * Nothing here uses Node built-ins: it runs in Node, in a browser and in a
 * VS Code web worker alike. File loading from disk, the CLI and the stdio
 * language server are in `convspec/node`; the language server's services in
 * `convspec/lsp`.
 */
export { analyzeSources, analyzeText, type AnalyzedFile, type AnalyzeOptions } from './api/analyze.js';
export { formatPercent, formatSignedCount, layerCounts, pairText, rowName, totalText } from './compare/diff-text.js';
export {
    diffNetworks,
    type DiffAspect,
    type DiffNetworkHeader,
    type DiffRow,
    type DiffSide,
    type DiffTotal,
    type NetworkDiff
} from './compare/network-diff.js';
export { createConvspecCoreServices, type ConvspecServices } from './convspec-module.js';
export { ISSUE_CODES, ISSUE_REGISTRY, isIssueCode, type IssueCode, type IssueInfo, type Severity } from './diagnostics/codes.js';
export { documentDiagnostics, type ConvDiagnostic } from './diagnostics/document-diagnostics.js';
export { exportPyTorch, type PyTorchExportOptions } from './export/pytorch-export.js';
export { applyTextEdits, preferredFixes, type PreferredFix } from './fixes/apply-fixes.js';
export type { ConvFix } from './fixes/fix.js';
export type { InferenceCode, InferenceIssue, IssuePayloads } from './inference/issues.js';
export {
    formatVolume,
    type AxisPair,
    type CallInstance,
    type ConcatInstance,
    type DocumentAnalysis,
    type Flow,
    type Instance,
    type Lane,
    type LayerHyper,
    type LayerInstance,
    type LayerOp,
    type NetworkAnalysis,
    type RepeatInstance,
    type ResidualInstance,
    type StructureInstance,
    type Volume,
    type WindowHyper
} from './inference/model.js';
export type { Rounding, WindowAxisResult } from './inference/spatial.js';
export { nestedLayers, type NestedLayer } from './inference/tree.js';
export { hintText, type HintOptions } from './presentation/hint-text.js';
export { issueMessage } from './presentation/issue-messages.js';
export {
    formatBytes,
    formatCount,
    formatCountOrUnknown,
    formatMegabytes,
    formatNumber,
    formatVolumeArray,
    NUMBER_FORMATS,
    type NumberFormat
} from './presentation/numbers.js';
export { statementHints, type StatementHint } from './presentation/statement-hints.js';
export {
    COMPARE_CSS,
    COMPARE_SCRIPT,
    renderCompareBody,
    renderCompareHtml,
    renderCompareProblem,
    type CompareBodyOptions,
    type CompareHtmlOptions,
    type ComparedNetworks
} from './render/compare-html.js';
export { renderNetworkBody, renderNetworkHtml, TABLE_CSS, VIEW_SCRIPT, type BodyOptions, type HtmlOptions } from './render/network-html.js';
export { DIAGRAM_CSS, renderDocumentSvg, renderNetworkSvg, type SvgOptions } from './render/network-svg.js';
export { fileSummary, type FileSummary, type LayerSummary, type NetworkSummary } from './summary/summary-model.js';
export { isInsideRoot, loadWithImports, type LoadedSources, type TextReader } from './workspace/import-loader.js';
