import * as vscode from 'vscode';
import { NUMBER_FORMATS, type NumberFormat } from 'convspec-language';

export const SECTION = 'convspec';

/** What the network view needs of the `convspec.*` settings (hints and lenses are the server's). */
export interface ViewSettings {
    readonly numberFormat: NumberFormat;
    readonly followCursor: boolean;
}

/** The settings for a document (they may differ per folder or language). */
export function readSettings(scope?: vscode.ConfigurationScope): ViewSettings {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    const format = config.get<string>('numberFormat', 'grouped');
    return {
        numberFormat: NUMBER_FORMATS.find(f => f === format) ?? 'grouped',
        followCursor: config.get<boolean>('networkView.followCursor', true)
    };
}
