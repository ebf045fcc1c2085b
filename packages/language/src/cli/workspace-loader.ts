import { URI, type LangiumDocument } from 'langium';
import type { ConvspecServices } from '../convspec-module.js';
import type { Model } from '../generated/ast.js';
import { diskReader, workspaceRoot, type FileFailures } from '../node/files.js';
import { loadWithImports } from '../workspace/import-loader.js';

// Commands import UsageError from here too; it lives in its own module so that `--version` loads no Langium.
export { UsageError } from './usage-error.js';

export interface LoadedWorkspace {
    /** The documents the user named, in the order given. */
    readonly documents: LangiumDocument<Model>[];
    readonly root: string;
}

/**
 * Loads the named files and, transitively, what they import (never from
 * outside the root: such an import stays unresolved and is reported), then
 * builds and validates them as the language server would. `files` are
 * absolute; the root is `cwd` or their common ancestor. `overrides`
 * replaces a file's text (a fix being tried) without touching the disk.
 * With `failures`, a named file that cannot be read is recorded there and
 * left out; without, its FileError is thrown. `root` overrides the root
 * (`check` loads its files in batches, all under the root of the whole list).
 */
export async function loadWorkspace(
    services: ConvspecServices,
    files: readonly string[],
    cwd: string,
    overrides: ReadonlyMap<string, string> = new Map(),
    failures?: FileFailures,
    root = workspaceRoot(files, cwd)
): Promise<LoadedWorkspace> {
    const { documents } = await loadWithImports(
        services.shared,
        files.map(f => URI.file(f)),
        URI.file(root),
        diskReader({ root, overrides, failures })
    );
    return { documents, root };
}
