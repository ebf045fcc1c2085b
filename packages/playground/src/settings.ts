import type { NumberFormat } from './protocol.js';

/** The extension's presentation settings, as the page offers them (`convspec.*`, read by the server). */
export interface PageSettings {
    readonly numberFormat: NumberFormat;
    readonly showParameters: boolean;
}

const KEY = 'convspec-playground-settings';
const FORMATS: readonly NumberFormat[] = ['grouped', 'compact', 'plain'];

/** A number format by name; anything else is the default. */
export function numberFormatOf(value: unknown): NumberFormat {
    return FORMATS.find(f => f === value) ?? 'grouped';
}

/** The settings saved by this browser, or the extension's defaults. */
export function loadSettings(): PageSettings {
    let saved: Partial<PageSettings> = {};
    try {
        saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<PageSettings>;
    } catch {
        // Storage off or damaged: the defaults.
    }
    return {
        numberFormat: numberFormatOf(saved.numberFormat),
        showParameters: typeof saved.showParameters === 'boolean' ? saved.showParameters : true
    };
}

export function saveSettings(settings: PageSettings): void {
    try {
        localStorage.setItem(KEY, JSON.stringify(settings));
    } catch {
        // Not remembered: still applied.
    }
}

/** The section the server reads (`convspec.hints.showParameters`, `convspec.numberFormat`). */
export function serverSettings(settings: PageSettings): object {
    return { hints: { showParameters: settings.showParameters }, numberFormat: settings.numberFormat };
}
