/// <reference lib="webworker" />
import {
    diffNetworks,
    documentDiagnostics,
    exportPyTorch,
    NUMBER_FORMATS,
    renderCompareBody,
    renderCompareProblem,
    renderDocumentSvg,
    renderNetworkBody,
    type DocumentAnalysis,
    type NumberFormat
} from 'convspec-language';
import { startBrowserLanguageServer } from 'convspec-language/browser';
import { version } from 'convspec-playground:build-data';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import {
    COMPARE_REQUEST,
    EXPORT_REQUEST,
    VIEW_REQUEST,
    type CompareParams,
    type CompareResult,
    type ExportParams,
    type ExportResult,
    type ViewParams,
    type ViewResult
} from '../protocol.js';

/*
 * The page's language server: convspec's own, in this worker, over
 * postMessage. Every file of the page is an open document, so imports
 * between them resolve as they do between open editors. Three requests of the
 * playground's serve the network view, the compare view and the downloads from
 * the document the server built (protocol.ts).
 */

/** A view request waits at most this long for the build of its version. */
const BUILD_WAIT_MS = 15_000;

const server = startBrowserLanguageServer(self as DedicatedWorkerGlobalScope);
const documents = server.shared.workspace.LangiumDocuments;
const builder = server.shared.workspace.DocumentBuilder;

/** The document once the server has validated `version` of it (or a newer one). */
async function builtDocument(uri: string, version: number): Promise<LangiumDocument> {
    const target = URI.parse(uri);
    const ready = () => {
        const document = documents.hasDocument(target) ? documents.getDocument(target) : undefined;
        return document && document.state >= DocumentState.Validated && document.textDocument.version >= version ? document : undefined;
    };
    const now = ready();
    if (now) return now;
    return new Promise((resolve, reject) => {
        const timeout = setTimeout(() => {
            listener.dispose();
            reject(new Error(`${uri} version ${version} was not built within ${BUILD_WAIT_MS} ms`));
        }, BUILD_WAIT_MS);
        const listener = builder.onDocumentPhase(DocumentState.Validated, () => {
            const document = ready();
            if (!document) return;
            clearTimeout(timeout);
            listener.dispose();
            resolve(document);
        });
    });
}

function analysisOf(document: LangiumDocument): DocumentAnalysis {
    return server.Convspec.inference.Analyzer.analyze(document);
}

/** The page's choice, if it is one (the message comes from the page, but is checked like any input). */
function numberFormat(value: unknown): NumberFormat {
    return NUMBER_FORMATS.find(f => f === value) ?? 'grouped';
}

function fileName(uri: string): string {
    return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

server.connection.onRequest(VIEW_REQUEST, async (params: ViewParams): Promise<ViewResult> => {
    const document = await builtDocument(params.uri, params.version);
    return { html: renderNetworkBody(analysisOf(document), { numberFormat: numberFormat(params.numberFormat) }) };
});

server.connection.onRequest(COMPARE_REQUEST, async (params: CompareParams): Promise<CompareResult> => {
    const document = await builtDocument(params.uri, params.version);
    const networks = analysisOf(document).networks;
    const names = networks.map(n => n.name);
    const sides = { a: String(params.a), b: params.b === undefined ? (names.find(n => n !== params.a) ?? '') : String(params.b) };
    const a = networks.find(n => n.name === sides.a);
    const b = networks.find(n => n.name === sides.b);
    if (!a || !b) {
        const missing = !a ? sides.a : sides.b;
        const html = renderCompareProblem(`Network ${missing} is not in ${fileName(params.uri)} any more: pick the networks again.`);
        return { html, networks: names, sides };
    }
    const html = renderCompareBody({ a, b, diff: diffNetworks(a, b) }, { numberFormat: numberFormat(params.numberFormat) });
    return { html, networks: names, sides };
});

server.connection.onRequest(EXPORT_REQUEST, async (params: ExportParams): Promise<ExportResult> => {
    const document = await builtDocument(params.uri, params.version);
    const analysis = analysisOf(document);
    if (params.format === 'svg') return { text: renderDocumentSvg(analysis, { numberFormat: numberFormat(params.numberFormat) }) };
    const errors = documentDiagnostics(document).filter(d => d.severity === 'error');
    if (errors.length > 0) {
        const first = errors[0];
        const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
        return { refused: `Not exported: line ${first.line}: ${first.message}${more}` };
    }
    try {
        return { text: exportPyTorch(analysis, { source: fileName(params.uri), version }) };
    } catch (error) {
        return { refused: `Not exported: ${error instanceof Error ? error.message : String(error)}` };
    }
});
