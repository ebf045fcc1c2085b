/**
 * The language server's workspace scan (Langium's, over Node's file system)
 * and the CLI must agree on symbolic links and on size: neither follows one, so a link
 * can never bring a file from outside the workspace root into it. The CLI's
 * side is tested in test/cli/hostile-files.test.ts; this is the server's,
 * with the same services the stdio server runs.
 */
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { afterAll, expect, test } from 'vitest';
import { createConvspecServices } from '../../src/lsp/convspec-lsp-module.js';
import { BoundedNodeFileSystem } from '../../src/node/bounded-file-system.js';

const temps: string[] = [];
afterAll(() => temps.forEach(d => rmSync(d, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'convspec-links-'));
    temps.push(dir);
    for (const [rel, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
    }
    return dir;
}

async function serverCodes(root: string, file: string): Promise<string[]> {
    const { shared } = createConvspecServices({ ...BoundedNodeFileSystem });
    await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(root).toString(), name: 'root' }]);
    const document = shared.workspace.LangiumDocuments.getDocument(URI.file(path.join(root, file)));
    expect(document, `${file} was indexed`).toBeDefined();
    await shared.workspace.DocumentBuilder.build([document!], { validation: true });
    return (document!.diagnostics ?? []).map(d => String(d.code));
}

test('an import through a link to a file outside the root is unresolved in the server too', async () => {
    const outside = tree({ 'evil.conv': 'block evil() { conv 4 1x1 }\n' });
    const root = tree({ 'main.conv': 'import "lib.conv"\nnetwork N {\n  input 8x8x3\n  evil()\n}\n' });
    symlinkSync(path.join(outside, 'evil.conv'), path.join(root, 'lib.conv'));
    const codes = await serverCodes(root, 'main.conv');
    expect(codes).toContain('unresolved-import');
    expect(codes).toContain('unknown-block');
});

test('a link inside the root is not followed by the server either; the same import without the link resolves', async () => {
    const root = tree({
        'real.conv': 'block b() { conv 4 1x1 }\n',
        'main.conv': 'import "lib/b.conv"\nnetwork N {\n  input 8x8x3\n  b()\n}\n'
    });
    mkdirSync(path.join(root, 'lib'));
    symlinkSync(path.join(root, 'real.conv'), path.join(root, 'lib', 'b.conv'));
    expect(await serverCodes(root, 'main.conv')).toContain('unresolved-import');
    const direct = tree({
        'lib/b.conv': 'block b() { conv 4 1x1 }\n',
        'main.conv': 'import "lib/b.conv"\nnetwork N {\n  input 8x8x3\n  b()\n}\n'
    });
    expect(await serverCodes(direct, 'main.conv')).toEqual([]);
});

test('a 1 GB .conv in a workspace folder is read as far as the limit and refused with file-too-large', async () => {
    const root = tree({});
    const fd = openSync(path.join(root, 'huge.conv'), 'w');
    ftruncateSync(fd, 1_000_000_000);
    closeSync(fd);
    expect(await serverCodes(root, 'huge.conv')).toEqual(['file-too-large']);
});
