import type * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import * as lsp from 'vscode-languageserver-protocol/browser.js';
import {
    fromPosition,
    fromRange,
    sameDiagnostic,
    toCompletionItem,
    toDocumentation,
    toDocumentHighlight,
    toDocumentSymbol,
    toFoldingRange,
    toInlayHint,
    toLocation,
    toMarkdown,
    toMarker,
    toRange,
    toTextEdit,
    toWorkspaceEdit,
    wordRangeAt
} from './conversions.js';
import type { LanguageServerConnection } from './lsp-client.js';

type Monaco = typeof monaco;

/** The owner of the markers this adapter sets. */
const MARKER_OWNER = 'convspec';

/**
 * Monaco's providers for `conv`, each a request to the language server:
 * diagnostics (markers), inlay hints, hover, quick fixes and refactors,
 * completion, formatting, code lenses, signature help, rename, go to
 * definition, references, highlights, the outline and folding. The server is
 * the one convspec runs under Node; this file only translates.
 */
export function connectMonaco(m: Monaco, server: LanguageServerConnection, languageId: string): void {
    /**
     * A request Monaco made; null when it has no answer. A request the server
     * cancelled (a document not built yet, a newer edit) or Monaco withdrew is
     * silent, as in VS Code: the server publishes diagnostics after the build and
     * the hints are asked again then.
     */
    async function request<R>(method: string, params: object, token: monaco.CancellationToken): Promise<R | null> {
        try {
            return await server.connection.sendRequest<R>(method, params, token as unknown as lsp.CancellationToken);
        } catch (error) {
            const code = (error as { code?: unknown } | null)?.code;
            if (
                token.isCancellationRequested ||
                code === lsp.LSPErrorCodes.ServerCancelled ||
                code === lsp.LSPErrorCodes.RequestCancelled
            ) {
                return null;
            }
            console.warn(`convspec: ${method} failed`, error);
            return null;
        }
    }
    /** The diagnostics as the server sent them, per URI: code actions need their `data`. */
    const diagnostics = new Map<string, lsp.Diagnostic[]>();
    const hintsChanged = new m.Emitter<void>();
    const lensesChanged = new m.Emitter<monaco.languages.CodeLensProvider>();

    server.onDiagnostics((uri, list) => {
        diagnostics.set(uri, list);
        const model = m.editor.getModel(m.Uri.parse(uri));
        if (model)
            m.editor.setModelMarkers(
                model,
                MARKER_OWNER,
                list.map(d => toMarker(m, d))
            );
        // Diagnostics come after a build: the hints of that build are ready too.
        hintsChanged.fire();
    });
    server.onInlayHintRefresh(() => hintsChanged.fire());

    const doc = (model: monaco.editor.ITextModel) => ({ uri: model.uri.toString() });

    m.languages.registerInlayHintsProvider(languageId, {
        onDidChangeInlayHints: hintsChanged.event,
        async provideInlayHints(model, range, token) {
            const hints: lsp.InlayHint[] | null = await request(
                'textDocument/inlayHint',
                { textDocument: doc(model), range: fromRange(range) },
                token
            );
            return { hints: (hints ?? []).map(h => toInlayHint(m, h)), dispose: () => {} };
        }
    });

    m.languages.registerHoverProvider(languageId, {
        async provideHover(model, position, token) {
            const hover: lsp.Hover | null = await request(
                'textDocument/hover',
                { textDocument: doc(model), position: fromPosition(position) },
                token
            );
            if (!hover) return null;
            return { contents: toMarkdown(hover.contents), range: hover.range ? toRange(hover.range) : undefined };
        }
    });

    m.languages.registerCodeActionProvider(
        languageId,
        {
            async provideCodeActions(model, range, context, token) {
                const sent = diagnostics.get(model.uri.toString()) ?? [];
                const context2: lsp.CodeActionContext = {
                    diagnostics: sent.filter(d => context.markers.some(marker => sameDiagnostic(marker, d))),
                    only: context.only ? [context.only] : undefined,
                    triggerKind: context.trigger === m.languages.CodeActionTriggerType.Invoke ? 1 : 2
                };
                const result: (lsp.CodeAction | lsp.Command)[] | null = await request(
                    'textDocument/codeAction',
                    { textDocument: doc(model), range: fromRange(range), context: context2 },
                    token
                );
                const actions = (result ?? [])
                    .filter((a): a is lsp.CodeAction => !('command' in a && typeof a.command === 'string'))
                    .map((a): monaco.languages.CodeAction => ({
                        title: a.title,
                        kind: a.kind,
                        isPreferred: a.isPreferred,
                        diagnostics: a.diagnostics?.map(d => toMarker(m, d)),
                        edit: a.edit ? toWorkspaceEdit(m, a.edit) : undefined,
                        disabled: a.disabled?.reason
                    }));
                return { actions, dispose: () => {} };
            }
        },
        { providedCodeActionKinds: ['quickfix', 'refactor'] }
    );

    const completion = server.capabilities.completionProvider;
    m.languages.registerCompletionItemProvider(languageId, {
        triggerCharacters: completion?.triggerCharacters,
        async provideCompletionItems(model, position, context, token) {
            const result: lsp.CompletionList | lsp.CompletionItem[] | null = await request(
                'textDocument/completion',
                {
                    textDocument: doc(model),
                    position: fromPosition(position),
                    context: { triggerKind: context.triggerKind + 1, triggerCharacter: context.triggerCharacter }
                },
                token
            );
            const items = Array.isArray(result) ? result : (result?.items ?? []);
            const wordRange = wordRangeAt(model, position);
            return {
                suggestions: items.map(item => toCompletionItem(m, item, wordRange)),
                incomplete: !Array.isArray(result) && result?.isIncomplete === true
            };
        }
    });

    m.languages.registerDocumentFormattingEditProvider(languageId, {
        async provideDocumentFormattingEdits(model, options, token) {
            const edits: lsp.TextEdit[] | null = await request(
                'textDocument/formatting',
                { textDocument: doc(model), options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces } },
                token
            );
            return (edits ?? []).map(toTextEdit);
        }
    });

    // The lenses above each network (totals, `compare with …`): the page announces no view command, so the
    // server writes them to read as plain text (the compare one names the `convspec diff` call).
    if (server.capabilities.codeLensProvider) {
        const lensProvider: monaco.languages.CodeLensProvider = {
            onDidChange: lensesChanged.event,
            async provideCodeLenses(model, token) {
                const lenses: lsp.CodeLens[] | null = await request('textDocument/codeLens', { textDocument: doc(model) }, token);
                return {
                    lenses: (lenses ?? []).map(lens => ({
                        range: toRange(lens.range),
                        command: lens.command && { id: lens.command.command, title: lens.command.title, arguments: lens.command.arguments }
                    })),
                    dispose: () => {}
                };
            }
        };
        m.languages.registerCodeLensProvider(languageId, lensProvider);
        hintsChanged.event(() => lensesChanged.fire(lensProvider));
    }

    const signature = server.capabilities.signatureHelpProvider;
    if (signature) {
        m.languages.registerSignatureHelpProvider(languageId, {
            signatureHelpTriggerCharacters: signature.triggerCharacters,
            signatureHelpRetriggerCharacters: signature.retriggerCharacters,
            async provideSignatureHelp(model, position, token) {
                const help: lsp.SignatureHelp | null = await request(
                    'textDocument/signatureHelp',
                    { textDocument: doc(model), position: fromPosition(position) },
                    token
                );
                if (!help) return null;
                const value: monaco.languages.SignatureHelp = {
                    activeSignature: help.activeSignature ?? 0,
                    activeParameter: help.activeParameter ?? 0,
                    signatures: help.signatures.map(s => ({
                        label: s.label,
                        documentation: toDocumentation(s.documentation),
                        parameters: (s.parameters ?? []).map(p => ({ label: p.label, documentation: toDocumentation(p.documentation) })),
                        activeParameter: s.activeParameter ?? undefined
                    }))
                };
                return { value, dispose: () => {} };
            }
        });
    }

    if (server.capabilities.renameProvider) {
        m.languages.registerRenameProvider(languageId, {
            async provideRenameEdits(model, position, newName, token) {
                const edit: lsp.WorkspaceEdit | null = await request(
                    'textDocument/rename',
                    { textDocument: doc(model), position: fromPosition(position), newName },
                    token
                );
                return edit ? toWorkspaceEdit(m, edit) : { edits: [], rejectReason: 'Nothing to rename here.' };
            }
        });
    }

    const capabilities = server.capabilities;
    if (capabilities.definitionProvider) {
        m.languages.registerDefinitionProvider(languageId, {
            async provideDefinition(model, position, token) {
                const targets: lsp.Location | (lsp.Location | lsp.LocationLink)[] | null = await request(
                    'textDocument/definition',
                    { textDocument: doc(model), position: fromPosition(position) },
                    token
                );
                if (!targets) return null;
                return (Array.isArray(targets) ? targets : [targets]).map(t => toLocation(m, t));
            }
        });
    }

    if (capabilities.referencesProvider) {
        m.languages.registerReferenceProvider(languageId, {
            async provideReferences(model, position, context, token) {
                const locations: lsp.Location[] | null = await request(
                    'textDocument/references',
                    { textDocument: doc(model), position: fromPosition(position), context },
                    token
                );
                return (locations ?? []).map(l => toLocation(m, l) as monaco.languages.Location);
            }
        });
    }

    if (capabilities.documentHighlightProvider) {
        m.languages.registerDocumentHighlightProvider(languageId, {
            async provideDocumentHighlights(model, position, token) {
                const highlights: lsp.DocumentHighlight[] | null = await request(
                    'textDocument/documentHighlight',
                    { textDocument: doc(model), position: fromPosition(position) },
                    token
                );
                return (highlights ?? []).map(h => toDocumentHighlight(m, h));
            }
        });
    }

    if (capabilities.documentSymbolProvider) {
        m.languages.registerDocumentSymbolProvider(languageId, {
            async provideDocumentSymbols(model, token) {
                const symbols: lsp.DocumentSymbol[] | null = await request(
                    'textDocument/documentSymbol',
                    { textDocument: doc(model) },
                    token
                );
                return (symbols ?? []).map(s => toDocumentSymbol(m, s));
            }
        });
    }

    if (capabilities.foldingRangeProvider) {
        m.languages.registerFoldingRangeProvider(languageId, {
            async provideFoldingRanges(model, _context, token) {
                const ranges: lsp.FoldingRange[] | null = await request('textDocument/foldingRange', { textDocument: doc(model) }, token);
                return (ranges ?? []).map(r => toFoldingRange(m, r));
            }
        });
    }
}
