import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Model } from '../generated/ast.js';
import type { ConvspecServices } from '../convspec-module.js';
import { importPathProblem, resolveImport } from '../workspace/imports.js';
import { acceptIssue } from './report-issue.js';

/** An import must name a `.conv` file that was loaded (the loaders refuse paths outside the workspace root). */
export function checkImports(model: Model, accept: ValidationAcceptor, services: ConvspecServices): void {
    const document = AstUtils.getDocument(model);
    const documents = services.shared.workspace.LangiumDocuments;
    for (const imp of model.imports) {
        if (imp.path === undefined) continue; // half-typed: the parser reports it
        // Quoted as JSON: a control character in the path shows as an escape, never reaches a terminal raw.
        const quoted = JSON.stringify(imp.path);
        const problem = importPathProblem(imp.path);
        const target = resolveImport(document.uri, imp.path);
        if (problem || !documents.hasDocument(target)) {
            const why = problem ?? `no such .conv file inside the workspace (looked for ${JSON.stringify(target.path).slice(1, -1)})`;
            acceptIssue(accept, 'unresolved-import', `cannot import ${quoted}: ${why}`, { node: imp, property: 'path' });
        }
    }
}
