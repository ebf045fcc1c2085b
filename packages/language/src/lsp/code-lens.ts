import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams, Command, Position } from 'vscode-languageserver';
import { formatVolume, type NetworkAnalysis } from '../inference/model.js';
import { float32Bytes, formatBytes, formatNumber, type NumberFormat } from '../presentation/numbers.js';
import type { ConvspecLspServices } from './convspec-lsp-module.js';

/**
 * What the `compare with …` lens passes, after the document's URI, to the
 * client's network-view command: open the view in compare mode on `compare`
 * against `with`; without `with` (three or more networks) the client asks
 * which. The VS Code extension reads exactly this shape.
 */
export interface CompareRequest {
    readonly compare: string;
    readonly with?: string;
}

/**
 * Lenses above each network: a summary line (parameters, MACs, output volume,
 * activation memory) and, in a file with several networks, `compare with …`.
 * Clicking either runs the client's network-view command when the client
 * announced one (the VS Code extension does); other clients get titles that
 * read right as plain text, the compare one naming the `convspec diff` call.
 */
export class ConvspecCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: ConvspecLspServices) {}

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams): Promise<CodeLens[]> {
        // The settings first: past this await the document is read in one go, never half before and half after a rebuild.
        const format = await this.services.editor.Settings.numberFormat();
        const analysis = this.services.inference.Analyzer.analyze(document);
        const uri = document.uri.toString();
        const named = [...new Set(analysis.networks.map(n => n.name).filter(name => !!name))];
        const lenses: CodeLens[] = [];
        for (const n of analysis.networks) {
            const start = n.network.$cstNode?.range.start;
            if (!start) continue;
            lenses.push(this.lens(start, summaryTitle(n, format), [uri]));
            const others = n.name ? named.filter(name => name !== n.name) : [];
            if (others.length > 0) lenses.push(this.compareLens(start, uri, n.name, others));
        }
        return lenses;
    }

    private compareLens(start: Position, uri: string, name: string, others: readonly string[]): CodeLens {
        const request: CompareRequest = others.length === 1 ? { compare: name, with: others[0] } : { compare: name };
        if (this.services.editor.Settings.networkViewCommand) {
            return this.lens(start, others.length === 1 ? `compare with ${others[0]}` : 'compare with …', [uri, request]);
        }
        // No command to run: say what to type instead.
        const file = shellWord(uri.slice(uri.lastIndexOf('/') + 1));
        const target = others.length === 1 ? others[0] : '<name>';
        return this.lens(start, `compare with ${choice(others)}: convspec diff ${file}#${name} ${file}#${target}`, []);
    }

    private lens(start: Position, title: string, args: unknown[]): CodeLens {
        const command = this.services.editor.Settings.networkViewCommand;
        const run: Command = command ? { title, command, arguments: args } : { title, command: '' };
        return { range: { start, end: start }, command: run };
    }
}

function summaryTitle(n: NetworkAnalysis, format: NumberFormat): string {
    const output = n.output ? formatVolume(n.output) : '?';
    return (
        `${formatNumber(n.params, format)} params · ${formatNumber(n.macs, format)} MACs · → ${output}` +
        ` · activations ${formatBytes(float32Bytes(n.activations))}`
    );
}

/** `A`, `A or B`, `A, B or C`. */
function choice(names: readonly string[]): string {
    return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** A file name as a shell word: quoted when it holds anything but letters, digits and `._-`. */
function shellWord(encodedName: string): string {
    const name = decodeURIComponent(encodedName);
    return /^[\w.-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}
