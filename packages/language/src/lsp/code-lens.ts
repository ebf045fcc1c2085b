import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { ConvspecServices } from '../convspec-module.js';
import { formatVolume } from '../inference/model.js';
import { formatBytes, formatCount } from '../presentation/numbers.js';

/** A summary line above each network: parameters, MACs, output volume. */
export class ConvspecCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: ConvspecServices) {}

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const analysis = this.services.inference.Analyzer.analyze(document);
        return analysis.networks.filter(n => n.network.$cstNode).map(n => {
            const start = n.network.$cstNode!.range.start;
            const title = `${formatCount(n.params)} params · ${formatCount(n.macs)} MACs · → ${n.output ? formatVolume(n.output) : '?'} · activations ${formatBytes(n.activations)}`;
            return { range: { start, end: start }, command: { title, command: '' } };
        });
    }
}
