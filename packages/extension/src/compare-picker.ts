import * as vscode from 'vscode';
import { formatNumber, formatVolume, type NetworkAnalysis, type NumberFormat } from 'convspec-language';
import { fileName, networksOf, type Comparison, type NetworkRef } from './comparison';
import { readSettings } from './settings';

/*
 * *Convspec: Compare Networks…*: which two networks. A and B may be given
 * (the `compare with …` code lens gives both, or only A when the file has
 * three or more networks); whatever is missing is asked with quick picks —
 * A among the active file's networks, B among that file's other networks,
 * the networks of the other open `.conv` files, or a file to open.
 */

interface NetworkItem extends vscode.QuickPickItem {
    readonly ref?: NetworkRef;
    /** The "another file" entry: open a dialog instead. */
    readonly browse?: true;
}

function item(uri: vscode.Uri, n: NetworkAnalysis, format: NumberFormat, showFile: boolean): NetworkItem {
    const output = n.output ? formatVolume(n.output) : '?';
    return {
        label: n.name,
        description: `${formatNumber(n.params, format)} params · → ${output}${showFile ? ` · ${fileName(uri)}` : ''}`,
        ref: { uri, name: n.name }
    };
}

const named = (networks: readonly NetworkAnalysis[]) => networks.filter(n => !!n.name);

async function pickA(uri: vscode.Uri, format: NumberFormat): Promise<NetworkRef | undefined> {
    const networks = named(await networksOf(uri));
    if (networks.length === 0) {
        void vscode.window.showInformationMessage(`Convspec: ${fileName(uri)} has no network to compare.`);
        return undefined;
    }
    if (networks.length === 1) return { uri, name: networks[0].name };
    const chosen = await vscode.window.showQuickPick(
        networks.map(n => item(uri, n, format, false)),
        { title: 'Compare Networks (1/2)', placeHolder: 'The network to compare (A, the left side)' }
    );
    return chosen?.ref;
}

/** B's candidates: the file's other networks first, then the other open `.conv` files' networks. */
async function candidatesForB(a: NetworkRef, format: NumberFormat): Promise<NetworkItem[]> {
    const items: NetworkItem[] = named(await networksOf(a.uri))
        .filter(n => n.name !== a.name)
        .map(n => item(a.uri, n, format, false));
    const others = vscode.workspace.textDocuments.filter(d => d.languageId === 'conv' && d.uri.toString() !== a.uri.toString());
    for (const document of others) {
        for (const n of named(await networksOf(document.uri))) items.push(item(document.uri, n, format, true));
    }
    items.push({ label: '$(folder-opened) Another .conv file…', browse: true, alwaysShow: true });
    return items;
}

async function pickInFile(uri: vscode.Uri, format: NumberFormat, placeHolder: string): Promise<NetworkRef | undefined> {
    const networks = named(await networksOf(uri));
    if (networks.length <= 1) return networks[0] ? { uri, name: networks[0].name } : undefined;
    const chosen = await vscode.window.showQuickPick(
        networks.map(n => item(uri, n, format, true)),
        { title: 'Compare Networks (2/2)', placeHolder }
    );
    return chosen?.ref;
}

async function pickB(a: NetworkRef, format: NumberFormat): Promise<NetworkRef | undefined> {
    const placeHolder = `Compare ${a.name} with… (B, the right side)`;
    const chosen = await vscode.window.showQuickPick(candidatesForB(a, format), { title: 'Compare Networks (2/2)', placeHolder });
    if (!chosen?.browse) return chosen?.ref;
    const [file] =
        (await vscode.window.showOpenDialog({
            canSelectMany: false,
            filters: { Convspec: ['conv'] },
            openLabel: 'Compare',
            defaultUri: vscode.Uri.joinPath(a.uri, '..')
        })) ?? [];
    return file ? pickInFile(file, format, placeHolder) : undefined;
}

/**
 * The two networks to compare, asking for what `names` leaves out; undefined
 * when the user cancels or there is no `.conv` file to start from.
 */
export async function pickComparison(uri: vscode.Uri | undefined, names: { a?: string; b?: string }): Promise<Comparison | undefined> {
    const file =
        uri ?? (vscode.window.activeTextEditor?.document.languageId === 'conv' ? vscode.window.activeTextEditor.document.uri : undefined);
    if (!file) {
        void vscode.window.showInformationMessage('Convspec: open a .conv file to compare its networks.');
        return undefined;
    }
    const format = readSettings(file).numberFormat;
    const a = names.a ? { uri: file, name: names.a } : await pickA(file, format);
    if (!a) return undefined;
    const b = names.b ? { uri: file, name: names.b } : await pickB(a, format);
    return b ? { a, b } : undefined;
}
