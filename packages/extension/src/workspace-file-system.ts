import * as vscode from 'vscode';
import type { FileSystemNode, FileSystemProvider, URI } from 'langium';

/** The language package's MAX_TEXT_BYTES: a bigger file is not read (its editor, if opened, gets `file-too-large`). */
const MAX_TEXT_BYTES = 8_000_000;

const toVscode = (uri: URI) => vscode.Uri.parse(uri.toString());

/**
 * Langium's file system over `vscode.workspace.fs`, for the server on the
 * web: the workspace scan and the files other files import are read from
 * whatever the workspace is (github.dev's repository, a virtual folder,
 * code-server's remote disk), asynchronously. Langium reads nothing
 * synchronously; the sync variants say so. A file that cannot be read, or
 * is larger than the server would analyse, is an empty document, as under
 * Node (bounded-file-system.ts), so one bad file never stops the scan.
 */
export class WorkspaceFileSystemProvider implements FileSystemProvider {
    async stat(uri: URI): Promise<FileSystemNode> {
        const stat = await vscode.workspace.fs.stat(toVscode(uri));
        return { uri, isFile: (stat.type & vscode.FileType.File) !== 0, isDirectory: (stat.type & vscode.FileType.Directory) !== 0 };
    }

    async exists(uri: URI): Promise<boolean> {
        try {
            await vscode.workspace.fs.stat(toVscode(uri));
            return true;
        } catch {
            return false;
        }
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return vscode.workspace.fs.readFile(toVscode(uri));
    }

    async readFile(uri: URI): Promise<string> {
        try {
            const target = toVscode(uri);
            if ((await vscode.workspace.fs.stat(target)).size > MAX_TEXT_BYTES) return '';
            return new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
        } catch {
            return '';
        }
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        const entries = await vscode.workspace.fs.readDirectory(toVscode(uri));
        return entries.map(([name, type]) => ({
            uri: uri.with({ path: `${uri.path.replace(/\/$/, '')}/${name}` }),
            isFile: (type & vscode.FileType.File) !== 0,
            isDirectory: (type & vscode.FileType.Directory) !== 0
        }));
    }

    statSync(): FileSystemNode {
        throw new Error('workspace.fs has no synchronous reads');
    }

    existsSync(): boolean {
        throw new Error('workspace.fs has no synchronous reads');
    }

    readBinarySync(): Uint8Array {
        throw new Error('workspace.fs has no synchronous reads');
    }

    readFileSync(): string {
        throw new Error('workspace.fs has no synchronous reads');
    }

    readDirectorySync(): FileSystemNode[] {
        throw new Error('workspace.fs has no synchronous reads');
    }
}
