import { formatVolume, type DocumentAnalysis, type LayerInstance, type NetworkAnalysis } from '../inference/model.js';
import { nestedLayers } from '../inference/tree.js';
import { float32Bytes, formatBytes, formatNumber, type NumberFormat } from '../presentation/numbers.js';
import { escapeXml } from './escape.js';
import { DIAGRAM_CSS, lineOf, pathAttr, renderNetworkSvg } from './network-svg.js';

/*
 * The network view as HTML: per network a summary table (like torchinfo:
 * layer, output volume, parameters, MACs, receptive field, with totals) and
 * the diagram. `renderNetworkHtml` writes a whole page under a strict
 * Content-Security-Policy — no remote content, only the `<style>` and
 * `<script>` carrying the page's nonce — the same page for `convspec draw`
 * and the VS Code webview; `renderNetworkBody` is the part that changes when
 * the file does (the webview swaps it in by message and keeps its scroll).
 */

export interface BodyOptions {
    readonly numberFormat?: NumberFormat;
    /** Only these networks (default: every network of the file). */
    readonly networks?: readonly NetworkAnalysis[];
}

export interface HtmlOptions extends BodyOptions {
    /** Shown as the page title and heading, e.g. the file name (escaped). */
    readonly title: string;
    /** A fresh random value per page: the only style and script allowed are the ones carrying it. */
    readonly nonce: string;
    /** Extra script run in the page (the webview's link to the editor); VIEW_SCRIPT runs in every page. */
    readonly script?: string;
}

/** The summary table's look (VS Code theme colours with light fallbacks), shared by the compare view. */
export const TABLE_CSS = `
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px);
  color: var(--vscode-foreground, #1f2328); background: var(--vscode-editor-background, #ffffff); margin: 0; padding: 8px 16px 32px; }
h1 { font-size: 1.15em; margin: 4px 0 12px; font-weight: 600; }
h2 { font-size: 1.05em; margin: 18px 0 6px; }
h2 .totals { font-weight: normal; color: var(--vscode-descriptionForeground, #59636e); }
section.network { margin-bottom: 28px; }
.empty { color: var(--vscode-descriptionForeground, #59636e); }
table.summary { border-collapse: collapse; font-family: var(--vscode-editor-font-family, ui-monospace, monospace);
  font-size: 12px; margin-bottom: 12px; }
table.summary th, table.summary td { padding: 2px 10px 2px 6px; text-align: left; white-space: nowrap;
  border-bottom: 1px solid var(--vscode-editorWidget-border, #d0d7de); }
table.summary th { font-weight: 600; border-bottom-width: 2px; }
table.summary td.num, table.summary th.num { text-align: right; }
table.summary tbody tr { cursor: pointer; }
table.summary tbody tr:hover { background: var(--vscode-list-hoverBackground, #f0f3f6); }
table.summary tbody tr.selected { background: var(--vscode-list-activeSelectionBackground, #dbe9f9);
  color: var(--vscode-list-activeSelectionForeground, inherit); }
table.summary tr.invalid td { color: var(--vscode-errorForeground, #d1242f); }
table.summary tfoot td { border-bottom: none; padding-top: 1px; padding-bottom: 1px; }
table.summary tfoot tr:first-child td { border-top: 2px solid var(--vscode-editorWidget-border, #d0d7de); padding-top: 4px; }
.d1 { padding-left: 1.4em !important; } .d2 { padding-left: 2.8em !important; } .d3 { padding-left: 4.2em !important; }
.d4 { padding-left: 5.6em !important; } .d5 { padding-left: 7em !important; } .d6 { padding-left: 8.4em !important; }
.diagram { overflow-x: auto; }
`;

/**
 * Selection shared by the table and the diagram: clicking a row or a box
 * selects every element of that layer; in VS Code it also asks the editor to
 * reveal the line, and the editor's cursor selects the layers on its line
 * (or inside the block call on it). Only DOM APIs: no VS Code dependency.
 */
export const VIEW_SCRIPT = `(() => {
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const root = document.getElementById('convspec-view');
  function select(predicate, scroll) {
    let first;
    for (const el of root.querySelectorAll('[data-layer]')) {
      const on = predicate(el);
      el.classList.toggle('selected', on);
      if (on && !first && el.tagName === 'TR') first = el;
    }
    if (first && scroll) first.scrollIntoView({ block: 'nearest' });
  }
  /** The elements of the layers on a source line, or inside the block call on it. */
  const onLine = line => el => (el.getAttribute('data-path') || '').split(' ').includes(String(line));
  root.addEventListener('click', event => {
    const el = event.target instanceof Element ? event.target.closest('[data-layer]') : null;
    if (!el) return;
    const net = (el.closest('[data-network]') || root).getAttribute('data-network');
    const layer = el.getAttribute('data-layer');
    const networkOf = e => (e.closest('[data-network]') || root).getAttribute('data-network');
    select(other => other.getAttribute('data-layer') === layer && networkOf(other) === net, false);
    if (api) api.postMessage({ type: 'reveal', line: Number(el.getAttribute('data-line')) });
  });
  window.addEventListener('message', event => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'update' && typeof message.html === 'string') {
      root.innerHTML = message.html;
      if (typeof message.line === 'number') select(onLine(message.line), false);
    } else if (message.type === 'cursor' && typeof message.line === 'number') {
      select(onLine(message.line), true);
    }
  });
})();`;

/** The deepest indentation the table's CSS has a class for. */
const MAX_INDENT = 6;

function layerName(i: LayerInstance): string {
    return i.label ? `${i.label} (${i.op})` : i.op;
}

function summaryTable(network: NetworkAnalysis, format: NumberFormat): string {
    const n = (v: number) => escapeXml(formatNumber(v, format));
    const body = nestedLayers(network.body)
        .map(({ layer: i, depth: nesting }) => {
            const row = i.index;
            const path = pathAttr(i);
            const depth = Math.min(nesting, MAX_INDENT);
            const rf = i.output ? (i.output.rf[0] === i.output.rf[1] ? String(i.output.rf[0]) : `${i.output.rf[0]}×${i.output.rf[1]}`) : '';
            return (
                `<tr data-layer="${row}" data-line="${lineOf(i.node)}" data-path="${path}"` +
                `${i.invalid || !i.output ? ' class="invalid"' : ''}>` +
                `<td class="num">${row + 1}</td>` +
                `<td${depth > 0 ? ` class="d${depth}"` : ''}>${escapeXml(layerName(i))}</td>` +
                `<td>${i.output ? formatVolume(i.output.volume) : '?'}</td>` +
                `<td class="num">${n(i.params)}</td>` +
                `<td class="num">${n(i.macs)}</td>` +
                `<td class="num">${rf}</td>` +
                `<td class="num">${lineOf(i.node)}</td></tr>`
            );
        })
        .join('\n');
    const total = (label: string, value: string, cls = '') =>
        `<tr${cls ? ` class="${cls}"` : ''}><td></td><td colspan="2">${label}</td>` +
        `<td class="num" colspan="2">${value}</td><td colspan="2"></td></tr>`;
    const head =
        '<tr><th class="num">#</th><th>Layer (type)</th><th>Output shape</th><th class="num">Param #</th>' +
        '<th class="num">MACs</th><th class="num">RF</th><th class="num">Line</th></tr>';
    return `<table class="summary"><thead>${head}</thead>
<tbody>
${body}
</tbody>
<tfoot>${total('Total params', `<span class="total-params" data-params="${network.params}">${n(network.params)}</span>`)}
${total('Total MACs', n(network.macs))}
${total('Input → output', `${network.input ? formatVolume(network.input) : '?'} → ${network.output ? formatVolume(network.output) : '?'}`)}
${total('Params size (float32)', escapeXml(formatBytes(float32Bytes(network.params))))}
${total('Activations (float32, one sample)', escapeXml(formatBytes(float32Bytes(network.activations))))}</tfoot></table>`;
}

/** The part of the page that follows the file: one section per network. */
export function renderNetworkBody(analysis: DocumentAnalysis, options: BodyOptions = {}): string {
    const format = options.numberFormat ?? 'grouped';
    const networks = options.networks ?? analysis.networks;
    if (networks.length === 0) return '<p class="empty">No network in this file (blocks alone have no input to run on).</p>';
    return networks
        .map((network, k) => {
            const out = network.output ? formatVolume(network.output) : '?';
            const name = escapeXml(network.name);
            return `<section class="network" data-network="${name}">
<h2>${name} <span class="totals">· ${escapeXml(formatNumber(network.params, format))} params · → ${out}</span></h2>
${summaryTable(network, format)}
<div class="diagram">${renderNetworkSvg(network, { numberFormat: format, idPrefix: `cs${k}-` })}</div>
</section>`;
        })
        .join('\n');
}

/** What a page holds: its title, its nonce'd style and script, its body inside `#convspec-view`. */
export interface PageParts {
    readonly title: string;
    readonly nonce: string;
    readonly css: string;
    readonly body: string;
    readonly script: string;
}

/**
 * The page frame every view shares (the network view, the compare view):
 * strict CSP — no remote content, only the `<style>` and `<script>` carrying
 * the nonce — and the title escaped.
 */
export function htmlPage(parts: PageParts): string {
    const nonce = escapeXml(parts.nonce);
    const csp = `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(parts.title)}</title>
<style nonce="${nonce}">${parts.css}</style>
</head>
<body>
<h1>${escapeXml(parts.title)}</h1>
<main id="convspec-view">
${parts.body}
</main>
<script nonce="${nonce}">${parts.script}</script>
</body>
</html>
`;
}

/** A whole HTML page: strict CSP, nonce'd style and script, every name escaped. */
export function renderNetworkHtml(analysis: DocumentAnalysis, options: HtmlOptions): string {
    return htmlPage({
        title: options.title,
        nonce: options.nonce,
        css: `${TABLE_CSS}${DIAGRAM_CSS}`,
        body: renderNetworkBody(analysis, options),
        script: `${VIEW_SCRIPT}${options.script ? `\n${options.script}` : ''}`
    });
}
