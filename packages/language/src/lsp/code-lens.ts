import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { formatVolume } from '../inference/model.js';
import { float32Bytes, formatBytes, formatNumber } from '../presentation/numbers.js';
import type { ConvspecLspServices } from './convspec-lsp-module.js';

/**
 * A summary line above each network: parameters, MACs, output volume,
 * activation memory. Clicking it runs the client's network-view command when
 * the client announced one (the VS Code extension does).
 */
export class ConvspecCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: ConvspecLspServices) {}

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams): Promise<CodeLens[]> {
        const analysis = this.services.inference.Analyzer.analyze(document);
        const settings = this.services.editor.Settings;
        const format = await settings.numberFormat();
        const command = settings.networkViewCommand;
        const lenses: CodeLens[] = [];
        for (const n of analysis.networks) {
            const start = n.network.$cstNode?.range.start;
            if (!start) continue;
            const output = n.output ? formatVolume(n.output) : '?';
            const title =
                `${formatNumber(n.params, format)} params · ${formatNumber(n.macs, format)} MACs · → ${output}` +
                ` · activations ${formatBytes(float32Bytes(n.activations))}`;
            lenses.push({
                range: { start, end: start },
                command: { title, command: command ?? '', ...(command ? { arguments: [document.uri.toString()] } : {}) }
            });
        }
        return lenses;
    }
}
