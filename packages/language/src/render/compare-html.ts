import { formatPercent, formatSignedCount, rowName } from '../compare/diff-text.js';
import type { DiffAspect, DiffRow, DiffSide, DiffTotal, NetworkDiff } from '../compare/network-diff.js';
import type { NetworkAnalysis } from '../inference/model.js';
import { formatNumber, formatVolumeArray, type NumberFormat } from '../presentation/numbers.js';
import { escapeXml } from './escape.js';
import { htmlPage, TABLE_CSS } from './network-html.js';
import { DIAGRAM_CSS, renderNetworkSvg } from './network-svg.js';

/*
 * The compare view: two networks side by side, as `convspec diff` aligns
 * them. At the top the totals (params and MACs of both, the change and its
 * percentage, input and output volumes); then one table whose left half is
 * A's summary and right half B's, row-aligned by the diff, so an added layer
 * is a row with an empty left half and a removed one a row with an empty
 * right half; then both diagrams. Changed, added and removed rows are
 * marked (a sign and a colour); the page's script marks the same layers'
 * boxes in the diagrams. Same page frame and CSP as the network view.
 */

export interface CompareBodyOptions {
    readonly numberFormat?: NumberFormat;
    /** Column headings for the two sides (default: the network names), e.g. `Naive (a.conv)` when the files differ. */
    readonly headings?: { readonly a: string; readonly b: string };
}

export interface CompareHtmlOptions extends CompareBodyOptions {
    /** The page title and heading (escaped). */
    readonly title: string;
    /** A fresh random value per page: the only style and script allowed are the ones carrying it. */
    readonly nonce: string;
}

/** The two networks as analysed (for the diagrams) and their diff (for the tables). */
export interface ComparedNetworks {
    readonly a: NetworkAnalysis;
    readonly b: NetworkAnalysis;
    readonly diff: NetworkDiff;
}

export const COMPARE_CSS = `
table.compare-totals { margin-bottom: 14px; }
table.summary td.mark { text-align: center; font-weight: 600; width: 1em; }
table.summary .side-start { border-left: 2px solid var(--vscode-editorWidget-border, #d0d7de); }
table.summary th.side { text-align: center; }
table.summary td.blank { background: var(--vscode-editorWidget-background, #f6f8fa); }
table.summary tr.added td.mark, table.summary td.gain { color: var(--vscode-gitDecoration-addedResourceForeground, #1a7f37); }
table.summary tr.removed td.mark, table.summary td.loss { color: var(--vscode-gitDecoration-deletedResourceForeground, #cf222e); }
table.summary tr.changed td.mark { color: var(--vscode-gitDecoration-modifiedResourceForeground, #9a6700); }
table.summary tr.added { background: #2da44e1a; } table.summary tr.removed { background: #cf222e14; }
table.summary tr.changed { background: #d4a72c1f; }
table.summary td.differs { font-weight: 600; }
table.summary tr.structure td { font-style: italic; }
.diagrams { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; align-items: start; }
.diagrams h3 { font-size: 1em; margin: 6px 0; }
.cs-diagram .layer.added .face { stroke: #1a7f37; stroke-width: 2.4; }
.cs-diagram .layer.removed .face { stroke: #cf222e; stroke-width: 2.4; }
.cs-diagram .layer.changed .face { stroke: #bf8700; stroke-width: 2.4; }
`;

/**
 * Marks the diagram boxes of the table's changed, added and removed layer
 * rows (not structure rows: a branch shares its first layer's line),
 * selects a row and its boxes on click, and in VS Code asks the editor to
 * reveal the clicked side's line. Re-marks after the body is swapped.
 */
export const COMPARE_SCRIPT = `(() => {
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const root = document.getElementById('convspec-view');
  const boxes = (side, line) => /^\\d+$/.test(line || '')
    ? [...root.querySelectorAll('.diagram[data-side="' + side + '"] .layer[data-line="' + line + '"]')] : [];
  function mark() {
    for (const tr of root.querySelectorAll('tr[data-kind]:not(.structure)')) {
      const kind = tr.getAttribute('data-kind');
      if (kind === 'same') continue;
      for (const side of ['a', 'b']) for (const box of boxes(side, tr.getAttribute('data-line-' + side))) box.classList.add(kind);
    }
  }
  function select(side, line) {
    for (const el of root.querySelectorAll('.selected')) el.classList.remove('selected');
    for (const box of boxes(side, line)) box.classList.add('selected');
    for (const tr of root.querySelectorAll('tr[data-line-' + side + '="' + line + '"]')) tr.classList.add('selected');
  }
  root.addEventListener('click', event => {
    const target = event.target instanceof Element ? event.target : null;
    const box = target && target.closest('.diagram[data-side] [data-line]');
    const cell = target && target.closest('tr[data-kind] td');
    let side, line;
    if (box) {
      side = box.closest('.diagram').getAttribute('data-side');
      line = box.getAttribute('data-line');
    } else if (cell) {
      side = cell.classList.contains('b') ? 'b' : 'a';
      line = cell.parentElement.getAttribute('data-line-' + side) || '';
    }
    if (!side || !/^\\d+$/.test(line || '')) return;
    select(side, line);
    if (api) api.postMessage({ type: 'reveal', side, line: Number(line) });
  });
  window.addEventListener('message', event => {
    const message = event.data;
    if (message && message.type === 'update' && typeof message.html === 'string') {
      root.innerHTML = message.html;
      mark();
    }
  });
  mark();
})();`;

const MARK: Record<DiffRow['kind'], string> = { same: '', changed: '~', added: '+', removed: '−' };
/** The deepest indentation the table's CSS has a class for (as in the network view). */
const MAX_INDENT = 6;

/** A count on one side; `?` when unknown (an error upstream, or past 2^53). */
function count(n: number | null, format: NumberFormat): string {
    return n === null ? '?' : escapeXml(formatNumber(n, format));
}

/** Green for a saving, red for a cost: the sign of the change in parameters or MACs. */
function changeCell(n: number | null, format: NumberFormat, cls = ''): string {
    const tone = n === null || n === 0 || Number.isNaN(n) ? '' : n < 0 ? ' gain' : ' loss';
    return `<td class="num${cls}${tone}">${n === null ? '' : escapeXml(formatSignedCount(n, format))}</td>`;
}

/** One side's four cells, the aspects that differ in bold; blank (shaded) when the row exists only on the other side. */
function sideCells(side: DiffSide | null, row: DiffRow, which: 'a' | 'b', format: NumberFormat): string {
    const cell = (cls: string, text: string) => `<td class="${which}${cls}">${text}</td>`;
    if (!side) return cell(' blank side-start', '') + cell(' blank', '') + cell(' blank', '') + cell(' blank', '');
    const differs = (...aspects: DiffAspect[]) => (aspects.some(x => row.differences.includes(x)) ? ' differs' : '');
    const indent = row.depth > 0 ? ` d${Math.min(row.depth, MAX_INDENT)}` : '';
    return (
        cell(` side-start${indent}${differs('op', 'label', 'settings')}`, escapeXml(rowName({ a: side, b: null }))) +
        cell(differs('output'), escapeXml(formatVolumeArray(side.output))) +
        cell(` num${differs('params')}`, count(side.params, format)) +
        cell(` num${differs('macs')}`, count(side.macs, format))
    );
}

function diffRow(row: DiffRow, format: NumberFormat): string {
    const lines = (['a', 'b'] as const).map(s => (row[s] ? ` data-line-${s}="${row[s].line}"` : '')).join('');
    const classes = [row.kind, ...(row.structure ? ['structure'] : [])].join(' ');
    return (
        `<tr class="${classes}" data-kind="${row.kind}"${lines}>` +
        `<td class="mark" title="${row.kind}">${MARK[row.kind]}</td>` +
        sideCells(row.a, row, 'a', format) +
        sideCells(row.b, row, 'b', format) +
        // A row that did not change has no change to show.
        changeCell(row.kind === 'same' ? null : row.params, format, ' side-start') +
        changeCell(row.kind === 'same' ? null : row.macs, format) +
        '</tr>'
    );
}

function rowsTable(diff: NetworkDiff, headings: { a: string; b: string }, format: NumberFormat): string {
    const names = (['a', 'b'] as const).map(s => `<th class="side side-start" colspan="4">${escapeXml(headings[s])}</th>`).join('');
    const columns = '<th class="side-start">Layer (type)</th><th>Output shape</th><th class="num">Param #</th><th class="num">MACs</th>';
    const head =
        `<tr><th></th>${names}<th class="side side-start" colspan="2">Change</th></tr>\n` +
        `<tr><th></th>${columns}${columns}<th class="num side-start">Δ params</th><th class="num">Δ MACs</th></tr>`;
    const total = (t: DiffTotal) => [t.a, t.b, t.delta] as const;
    const [pa, pb, pd] = total(diff.params);
    const [ma, mb, md] = total(diff.macs);
    const foot =
        `<tr><td></td><td class="side-start" colspan="2">Total</td><td class="num">${count(pa, format)}</td>` +
        `<td class="num">${count(ma, format)}</td><td class="side-start" colspan="2">Total</td>` +
        `<td class="num">${count(pb, format)}</td><td class="num">${count(mb, format)}</td>` +
        `${changeCell(pd, format, ' side-start')}${changeCell(md, format)}</tr>`;
    return `<table class="summary compare-rows"><thead>${head}</thead>
<tbody>
${diff.rows.map(r => diffRow(r, format)).join('\n')}
</tbody>
<tfoot>${foot}</tfoot></table>`;
}

/** Params and MACs of both, the change and its percentage; input and output volumes. */
function totalsTable(diff: NetworkDiff, headings: { a: string; b: string }, format: NumberFormat): string {
    const countRow = (what: string, cls: string, t: DiffTotal) =>
        `<tr><td>${what}</td>` +
        `<td class="num"><span class="${cls}" data-side="a">${count(t.a, format)}</span></td>` +
        `<td class="num"><span class="${cls}" data-side="b">${count(t.b, format)}</span></td>` +
        `<td class="num"><span class="delta-${cls}">${t.delta === null ? '' : escapeXml(formatSignedCount(t.delta, format))}</span></td>` +
        `<td class="num"><span class="percent-${cls}">${escapeXml(formatPercent(t.percent))}</span></td></tr>`;
    const volumeRow = (what: string, key: 'input' | 'output') =>
        `<tr><td>${what}</td><td class="num">${formatVolumeArray(diff.a[key])}</td>` +
        `<td class="num">${formatVolumeArray(diff.b[key])}</td><td colspan="2"></td></tr>`;
    return (
        `<table class="summary compare-totals"><thead><tr><th></th><th class="num">${escapeXml(headings.a)}</th>` +
        `<th class="num">${escapeXml(headings.b)}</th><th class="num">Δ</th><th class="num">%</th></tr></thead>
<tbody>
${countRow('Total params', 'total-params', diff.params)}
${countRow('Total MACs', 'total-macs', diff.macs)}
${volumeRow('Input', 'input')}
${volumeRow('Output', 'output')}
</tbody></table>`
    );
}

/** The part of the page that follows the files: totals, the aligned tables, both diagrams. */
export function renderCompareBody(compared: ComparedNetworks, options: CompareBodyOptions = {}): string {
    const format = options.numberFormat ?? 'grouped';
    const { a, b, diff } = compared;
    const headings = options.headings ?? { a: diff.a.name, b: diff.b.name };
    const diagram = (side: 'a' | 'b', network: NetworkAnalysis) =>
        `<div class="diagram" data-side="${side}"><h3>${escapeXml(headings[side])}</h3>` +
        `${renderNetworkSvg(network, { numberFormat: format, idPrefix: `cmp-${side}-` })}</div>`;
    return `<section class="compare">
${totalsTable(diff, headings, format)}
${rowsTable(diff, headings, format)}
<div class="diagrams">
${diagram('a', a)}
${diagram('b', b)}
</div>
</section>`;
}

/** The body when there is nothing to compare (a network was renamed or deleted meanwhile): the reason, escaped. */
export function renderCompareProblem(reason: string): string {
    return `<p class="empty">${escapeXml(reason)}</p>`;
}

/** A whole compare page (or, given a string, the page saying why there is none): the network view's frame, CSP and nonce. */
export function renderCompareHtml(compared: ComparedNetworks | string, options: CompareHtmlOptions): string {
    return htmlPage({
        title: options.title,
        nonce: options.nonce,
        css: `${TABLE_CSS}${DIAGRAM_CSS}${COMPARE_CSS}`,
        body: typeof compared === 'string' ? renderCompareProblem(compared) : renderCompareBody(compared, options),
        script: COMPARE_SCRIPT
    });
}
