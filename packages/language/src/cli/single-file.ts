import type { LangiumDocument } from 'langium';
import type { ConvspecServices } from '../convspec-module.js';
import type { Model } from '../generated/ast.js';
import type { DocumentAnalysis } from '../inference/model.js';
import { createCliServices } from './services.js';
import { expandPaths } from '../node/files.js';
import type { CliContext } from './context.js';
import { loadWorkspace, UsageError } from './workspace-loader.js';

export interface SingleFile {
    readonly services: ConvspecServices;
    readonly document: LangiumDocument<Model>;
    readonly analysis: DocumentAnalysis;
}

/**
 * What `summary`, `annotate`, `export` and `draw` share: exactly one `.conv`
 * file, loaded with its imports and analysed, and `--network NAME` checked.
 */
export async function loadSingleFile(
    command: string,
    positional: readonly string[],
    context: CliContext,
    networkName?: string
): Promise<SingleFile> {
    if (positional.length !== 1) throw new UsageError(`${command} takes exactly one file`);
    const files = await expandPaths(positional, context.cwd);
    if (files.length !== 1) throw new UsageError(`${command} takes exactly one .conv file, not a folder`);
    const services = createCliServices();
    const {
        documents: [document]
    } = await loadWorkspace(services, files, context.cwd);
    const analysis = services.inference.Analyzer.analyze(document);
    if (networkName !== undefined && !analysis.networks.some(n => n.name === networkName)) {
        // A network a syntax error left without a name cannot be asked for.
        const names = analysis.networks.map(n => n.name).filter(name => !!name);
        throw new UsageError(`no network ${networkName} in ${positional[0]}${names.length ? ` (networks: ${names.join(', ')})` : ''}`);
    }
    return { services, document, analysis };
}
