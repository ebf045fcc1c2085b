import { DefaultConfigurationProvider } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { InitializeParams } from 'vscode-languageserver';
import { DEFAULT_HINT_OPTIONS, MAX_HINT_LENGTH, type HintOptions } from '../presentation/hint-text.js';
import { NUMBER_FORMATS, type NumberFormat } from '../presentation/numbers.js';

/** The settings section the editor sends (`convspec.hints.showParameters`, `convspec.numberFormat`, …). */
export const SETTINGS_SECTION = 'convspec';

/** Langium keys settings by language id (`conv`); the extension and its users say `convspec.*`. */
export class ConvspecConfigurationProvider extends DefaultConfigurationProvider {
    protected override toSectionName(): string {
        return SETTINGS_SECTION;
    }
}

/** Client features the server may use, announced at `initialize`. */
interface ClientFeatures {
    /** A command the client runs for a network's code lens (the VS Code extension opens its network view). */
    readonly networkViewCommand?: string;
    readonly refreshInlayHints: boolean;
    readonly refreshCodeLens: boolean;
}

/**
 * The user's presentation settings, read on the server through Langium's
 * ConfigurationProvider (`workspace/configuration` and
 * `didChangeConfiguration`), so every editor gets the same hints and
 * lenses. A change asks the client to fetch hints and lenses again.
 */
export class ConvspecSettings {
    private client: ClientFeatures = { refreshInlayHints: false, refreshCodeLens: false };

    constructor(private readonly shared: LangiumSharedServices) {
        shared.lsp.LanguageServer.onInitialize(params => {
            this.client = clientFeatures(params);
        });
        shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
            if (update.section === SETTINGS_SECTION) this.refresh();
        });
    }

    /** How inlay hints are written: the user's choices and the editor's length cap. */
    async hintOptions(): Promise<HintOptions> {
        return { ...(await this.presentation()), maxLength: MAX_HINT_LENGTH };
    }

    async numberFormat(): Promise<NumberFormat> {
        return (await this.presentation()).numberFormat;
    }

    get networkViewCommand(): string | undefined {
        return this.client.networkViewCommand;
    }

    private async presentation(): Promise<HintOptions> {
        const configuration = this.shared.workspace.ConfigurationProvider;
        const hints: unknown = await configuration.getConfiguration(SETTINGS_SECTION, 'hints');
        const format: unknown = await configuration.getConfiguration(SETTINGS_SECTION, 'numberFormat');
        const showParameters = typeof hints === 'object' && hints !== null && 'showParameters' in hints ? hints.showParameters : undefined;
        return {
            showParameters: typeof showParameters === 'boolean' ? showParameters : DEFAULT_HINT_OPTIONS.showParameters,
            numberFormat: NUMBER_FORMATS.find(f => f === format) ?? DEFAULT_HINT_OPTIONS.numberFormat
        };
    }

    private refresh(): void {
        const connection = this.shared.lsp.Connection;
        if (!connection) return;
        if (this.client.refreshInlayHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
        if (this.client.refreshCodeLens) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    }
}

function clientFeatures(params: InitializeParams): ClientFeatures {
    const options: unknown = params.initializationOptions;
    const command =
        typeof options === 'object' && options !== null && 'networkViewCommand' in options ? options.networkViewCommand : undefined;
    return {
        networkViewCommand: typeof command === 'string' ? command : undefined,
        refreshInlayHints: params.capabilities.workspace?.inlayHint?.refreshSupport === true,
        refreshCodeLens: params.capabilities.workspace?.codeLens?.refreshSupport === true
    };
}
