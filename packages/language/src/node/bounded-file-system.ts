import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { readTextFile } from './files.js';

/**
 * Langium's Node file system, except that a file's text is read the way the
 * CLI reads it: a regular file only, and never more than the size limit plus
 * one byte, so a 1 GB `.conv` in a workspace folder costs 8 MB and one
 * `file-too-large` error instead of the server's memory. A file that cannot
 * be read at all (it vanished, or became a FIFO after the scan) is an empty
 * document rather than an exception that would stop the whole workspace scan.
 */
export class BoundedNodeFileSystemProvider extends NodeFileSystemProvider {
    override async readFile(uri: URI): Promise<string> {
        return readTextFile(uri.fsPath).catch(() => '');
    }
}

export const BoundedNodeFileSystem = {
    fileSystemProvider: () => new BoundedNodeFileSystemProvider()
};
