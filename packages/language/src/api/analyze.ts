import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { createConvspecCoreServices } from '../convspec-module.js';
import { documentDiagnostics, type ConvDiagnostic } from '../diagnostics/document-diagnostics.js';
import type { Model } from '../generated/ast.js';
import type { DocumentAnalysis } from '../inference/model.js';
import { loadWithImports, type TextReader } from '../workspace/import-loader.js';

/** One analysed `.conv` file. */
export interface AnalyzedFile {
    readonly uri: string;
    /** The parsed and linked document (Langium's): its text, AST and raw diagnostics. */
    readonly document: LangiumDocument<Model>;
    /** Every network's tree of instances, and what the engine found. */
    readonly analysis: DocumentAnalysis;
    /** Every diagnostic (syntax, linking, validation, inference), 1-based, in reading order. */
    readonly diagnostics: readonly ConvDiagnostic[];
}

export interface AnalyzeOptions {
    /** Imports resolve relative to the files' URIs and never leave `root` (a folder URI). */
    readonly root: string;
    /** Reads a file's text; undefined when there is none. */
    readonly read: TextReader;
    /** Run the validator (default true); without it `diagnostics` holds only syntax and linking. */
    readonly validation?: boolean;
}

/**
 * Analyses the files at `uris` and what they import, read through
 * `options.read`: from disk, from an editor's buffers, from memory. Each call
 * works in fresh services, so nothing leaks between calls.
 */
export async function analyzeSources(uris: readonly string[], options: AnalyzeOptions): Promise<AnalyzedFile[]> {
    const { shared, Convspec } = createConvspecCoreServices(EmptyFileSystem);
    const { documents } = await loadWithImports(
        shared,
        uris.map(u => URI.parse(u)),
        URI.parse(options.root),
        options.read,
        options.validation ?? true
    );
    return documents.map(document => ({
        uri: document.uri.toString(),
        document,
        analysis: Convspec.inference.Analyzer.analyze(document),
        diagnostics: documentDiagnostics(document)
    }));
}

/** The URI `analyzeText` gives a text when none is named. */
const UNTITLED = 'memory:///untitled.conv';

/**
 * Analyses one `.conv` text. `files` maps other URIs to their text, for its
 * imports (resolved relative to `uri`, inside the folder that holds it).
 */
export async function analyzeText(text: string, uri = UNTITLED, files: ReadonlyMap<string, string> = new Map()): Promise<AnalyzedFile> {
    const main = URI.parse(uri);
    const root = main.with({ path: main.path.replace(/\/[^/]*$/, '') || '/' }).toString();
    // Keys as URI.toString() writes them (`memory:///w/a.conv` is `memory:/w/a.conv`), so lookups match.
    const texts = new Map([...files].map(([key, value]) => [URI.parse(key).toString(), value]));
    texts.set(main.toString(), text);
    const [file] = await analyzeSources([uri], { root, read: async target => texts.get(target.toString()) });
    return file;
}
