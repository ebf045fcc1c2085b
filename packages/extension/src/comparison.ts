import * as vscode from 'vscode';
import { diffNetworks, type ComparedNetworks, type NetworkAnalysis } from 'convspec-language';
import { analyzeTextDocument } from './network-analysis';

/** One network of one file, by name: what the compare view shows on each side. */
export interface NetworkRef {
    readonly uri: vscode.Uri;
    readonly name: string;
}

/** A on the left, B on the right: the change reads A → B, as `convspec diff A B`. */
export interface Comparison {
    readonly a: NetworkRef;
    readonly b: NetworkRef;
}

export function fileName(uri: vscode.Uri): string {
    return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

export function sameFile(c: Comparison): boolean {
    return c.a.uri.toString() === c.b.uri.toString();
}

/** `inception.conv: Naive → Reduced`, or `a.conv#Net → b.conv#Net` across files. */
export function comparisonTitle(c: Comparison): string {
    return sameFile(c)
        ? `${fileName(c.a.uri)}: ${c.a.name} → ${c.b.name}`
        : `${fileName(c.a.uri)}#${c.a.name} → ${fileName(c.b.uri)}#${c.b.name}`;
}

/** Column headings: the names, with the file when the two sides come from different files. */
export function comparisonHeadings(c: Comparison): { a: string; b: string } {
    if (sameFile(c)) return { a: c.a.name, b: c.b.name };
    return { a: `${c.a.name} (${fileName(c.a.uri)})`, b: `${c.b.name} (${fileName(c.b.uri)})` };
}

/** The networks of a file, from its open editor's text when it has one. */
export async function networksOf(uri: vscode.Uri): Promise<readonly NetworkAnalysis[]> {
    return (await analyzeTextDocument(await vscode.workspace.openTextDocument(uri))).networks;
}

/**
 * Both sides analysed from the editors' current text (one analysis when they
 * share a file) and diffed; a string saying what is missing when a name no
 * longer names a network (renamed or deleted since the view opened).
 */
export async function compareNetworks(c: Comparison): Promise<ComparedNetworks | string> {
    const left = await networksOf(c.a.uri);
    const right = sameFile(c) ? left : await networksOf(c.b.uri);
    const a = left.find(n => n.name === c.a.name);
    const b = right.find(n => n.name === c.b.name);
    for (const [ref, found] of [
        [c.a, a],
        [c.b, b]
    ] as const) {
        if (!found) return `Network ${ref.name} is not in ${fileName(ref.uri)} any more: run Convspec: Compare Networks… again.`;
    }
    return { a: a!, b: b!, diff: diffNetworks(a!, b!) };
}
