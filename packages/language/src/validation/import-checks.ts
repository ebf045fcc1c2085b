import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Model } from '../generated/ast.js';
import type { ConvspecServices } from '../convspec-module.js';
import { resolveImport } from '../workspace/imports.js';
import { acceptIssue } from './report-issue.js';

/** An import must name a `.conv` file that was loaded (the loaders refuse paths outside the workspace root). */
export function checkImports(model: Model, accept: ValidationAcceptor, services: ConvspecServices): void {
    const document = AstUtils.getDocument(model);
    const documents = services.shared.workspace.LangiumDocuments;
    for (const imp of model.imports) {
        if (imp.path === undefined) continue; // half-typed: the parser reports it
        const target = resolveImport(document.uri, imp.path);
        if (!documents.hasDocument(target)) {
            acceptIssue(
                accept,
                'unresolved-import',
                `cannot import "${imp.path}": no such .conv file inside the workspace (looked for ${target.path})`,
                { node: imp, property: 'path' }
            );
        }
    }
}
