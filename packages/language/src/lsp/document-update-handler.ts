import { URI, type FileSystemProvider, type LangiumDocuments, type TextDocument, type TextDocumentProvider } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import { PendingChanges } from './pending-changes.js';
import { loadedWithWorkspace } from './workspace-files.js';

/**
 * How long the editor must be quiet before a build starts, at most: for a
 * long document. Keystrokes come faster than this, so a burst of edits is one
 * build of the final text, and the parse, which nothing can interrupt, never
 * runs for a version already outdated.
 */
export const QUIET_PERIOD_MS = 100;

/**
 * The wait grows with the text to parse, up to QUIET_PERIOD_MS at 40,000
 * characters (about 2,000 lines): an outdated build of a small file costs a
 * few milliseconds, so a small file is built almost at once.
 */
const CHARACTERS_PER_MS = 400;

/**
 * When documents are built, and which. Langium's handler starts a build for
 * every didChange: each build cancels the previous one, but a build's parse
 * cannot be interrupted, so a burst of 1,000 edits parsed 1,000 texts while
 * hovers waited behind them. Here:
 *
 * - a change cancels the build under way at once, and the next build starts
 *   only after a quiet period (longer for longer texts), with every change
 *   since in one update; a document just opened is built at once;
 * - documents no language serves (a README.md, a plaintext buffer) are not
 *   built: Langium's registry would throw and end the process;
 * - a closed document is released unless the workspace scan loads it from
 *   disk (then it goes back to the text on disk, which imports read).
 */
export class ConvspecDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly pending = new PendingChanges();
    private timer: ReturnType<typeof setTimeout> | undefined;
    private readonly textDocuments: TextDocumentProvider;
    private readonly langiumDocuments: LangiumDocuments;
    private readonly fileSystem: FileSystemProvider;

    constructor(
        services: LangiumSharedServices,
        private readonly maxQuietPeriod = QUIET_PERIOD_MS
    ) {
        super(services);
        this.textDocuments = services.workspace.TextDocuments;
        this.langiumDocuments = services.workspace.LangiumDocuments;
        this.fileSystem = services.workspace.FileSystemProvider;
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        if (!this.langiumDocuments.hasDocument(uri)) return;
        this.release(uri).catch(err => console.error(`convspec: releasing ${uri.toString()} failed`, err));
    }

    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        this.pending.add(
            changed.filter(uri => this.buildable(uri)),
            deleted
        );
        if (this.pending.empty) return;
        // As Langium does, nothing is built before the workspace scan has loaded its documents.
        this.workspaceManager.ready
            .then(() => {
                // The build under way is for older text: it stops at its next cancellation check.
                this.workspaceLock.cancelWrite();
                clearTimeout(this.timer);
                this.timer = setTimeout(() => this.flush(), this.quietPeriod());
            })
            .catch(err => console.error('Workspace initialization failed. Could not perform document update.', err));
    }

    private quietPeriod(): number {
        let characters = 0;
        let opened = true;
        for (const uri of this.pending.changedUris) {
            characters += this.textDocuments.get(uri)?.getText().length ?? 0;
            opened &&= this.textDocuments.get(uri) !== undefined && !this.langiumDocuments.hasDocument(uri);
        }
        // A document just opened, never built: one event, not the start of a burst; its diagnostics are awaited.
        if (opened) return 0;
        return Math.min(this.maxQuietPeriod, characters / CHARACTERS_PER_MS);
    }

    /** One update for everything pending; a newer change cancels it (the lock hands it a token). */
    private flush(): void {
        this.timer = undefined;
        const { changed, deleted } = this.pending.take();
        // Closed since it was queued, and not a file the registry knows by name: the deletion follows.
        const live = changed.filter(uri => this.buildable(uri));
        if (live.length === 0 && deleted.length === 0) return;
        this.workspaceLock
            .write(token => this.documentBuilder.update(live, deleted, token))
            .catch(err => console.error('convspec: a document update failed', err));
    }

    /**
     * False for a document some editor has open, or Langium holds, that no
     * language serves. A URI neither knows (a folder, a file changed on disk)
     * is left to the DocumentBuilder, which only picks up files it can handle.
     */
    private buildable(uri: URI): boolean {
        if (this.serviceRegistry.hasServices(uri)) return true;
        return this.textDocuments.get(uri) === undefined && !this.langiumDocuments.hasDocument(uri);
    }

    private async release(uri: URI): Promise<void> {
        const fromDisk = await loadedWithWorkspace(this.workspaceManager, this.fileSystem, uri);
        // Opened again meanwhile: the open document is the one to build.
        if (this.textDocuments.get(uri)) return;
        if (fromDisk) this.fireDocumentUpdate([uri], []);
        else this.fireDocumentUpdate([], [uri]);
    }
}
