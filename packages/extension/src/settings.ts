import * as vscode from 'vscode';
import { NUMBER_FORMATS, type NumberFormat } from 'convspec-language/out/render/number-format.js';
import type { HintSettings } from './hint-labels';

export const SECTION = 'convspec';

export interface ConvspecSettings extends HintSettings {
    readonly followCursor: boolean;
}

/** The `convspec.*` settings for a document (they may differ per folder or language). */
export function readSettings(scope?: vscode.ConfigurationScope): ConvspecSettings {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    const format = config.get<string>('numberFormat', 'grouped');
    return {
        showParameters: config.get<boolean>('hints.showParameters', true),
        numberFormat: (NUMBER_FORMATS as readonly string[]).includes(format) ? format as NumberFormat : 'grouped',
        followCursor: config.get<boolean>('networkView.followCursor', true)
    };
}
