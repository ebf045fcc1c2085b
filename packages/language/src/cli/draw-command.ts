import { randomBytes } from 'node:crypto';
import { writeOutputFile } from '../node/files.js';
import * as path from 'node:path';
import { renderNetworkHtml } from '../render/network-html.js';
import { renderDocumentSvg } from '../render/network-svg.js';
import { NUMBER_FORMATS, type NumberFormat } from '../presentation/numbers.js';
import { choice, parseArgs } from './args.js';
import { resolvePath, type CliContext } from './context.js';
import { loadSingleFile } from './single-file.js';
import { UsageError } from './workspace-loader.js';

/** No PNG of our own (no rasteriser without a browser or a native binary): how to make one from the SVG. */
const PNG_HINT = 'rsvg-convert -z 2 -o net.png net.svg';

export const DRAW_HELP = `Usage: convspec draw FILE [--network NAME] [-o OUT.svg|OUT.html] [--format svg|html]
                          [--numbers grouped|compact|plain]

Draws each network: every layer's output volume as a box to scale (front face W×H,
slant D, each on a bounded log scale, so a CNN reads as a pyramid), concat branches side
by side, residual skips as arrows, parameters per layer. An .html output adds the summary
table (the editor's network view). The format follows the -o extension, else --format
(default svg, to stdout). Drawn even when the file has errors; the exit code is 1 then.
For a PNG, convert the SVG: ${PNG_HINT}.`;

function refusePng(): never {
    throw new UsageError(`convspec draws SVG and HTML, not PNG; write net.svg and convert it: ${PNG_HINT}`);
}

export async function drawCommand(argv: string[], context: CliContext): Promise<number> {
    const args = parseArgs(argv, ['network', 'output', 'format', 'numbers'], ['help']);
    if (args.options.has('help')) {
        context.stdout(DRAW_HELP + '\n');
        return 0;
    }
    const output = args.options.get('output');
    if (output === true) throw new UsageError('-o needs a file name');
    const extension = output ? path.extname(output).slice(1).toLowerCase() : undefined;
    if (extension === 'png' || args.options.get('format') === 'png') refusePng();
    if (extension && extension !== 'svg' && extension !== 'html')
        throw new UsageError(`-o ${output}: the file name must end in .svg or .html`);
    const format =
        (extension as 'svg' | 'html' | undefined) ?? choice(args.options.get('format'), ['svg', 'html'] as const, 'format', 'svg');
    const numberFormat = choice<NumberFormat>(args.options.get('numbers'), NUMBER_FORMATS, 'numbers', 'grouped');
    const networkOpt = args.options.get('network');
    const networkName = typeof networkOpt === 'string' ? networkOpt : undefined;

    const { document, analysis } = await loadSingleFile('draw', args.positional, context, networkName);
    const networks = analysis.networks.filter(n => networkName === undefined || n.name === networkName);
    const text =
        format === 'html'
            ? renderNetworkHtml(analysis, {
                  title: path.basename(document.uri.fsPath),
                  nonce: randomBytes(16).toString('base64'),
                  networks,
                  numberFormat
              })
            : renderDocumentSvg(analysis, { networks, numberFormat });
    if (output) await writeOutputFile(resolvePath(context, output), text, output);
    else context.stdout(text);
    return (document.diagnostics ?? []).some(d => d.severity === 1) ? 1 : 0;
}
