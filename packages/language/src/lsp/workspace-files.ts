import { URI, UriUtils, type FileSystemProvider, type WorkspaceManager } from 'langium';

/**
 * Whether the workspace scan at startup loads `uri`: a file on disk below a
 * workspace folder, reached through folders the scan enters (not `.git`,
 * `node_modules`, `out`), with a name a language serves. Such a document stays
 * loaded when its editor closes (other files' imports resolve against it);
 * any other document is dropped.
 */
export async function loadedWithWorkspace(workspace: WorkspaceManager, fileSystem: FileSystemProvider, uri: URI): Promise<boolean> {
    const folder = (workspace.workspaceFolders ?? [])
        .map(f => URI.parse(f.uri))
        .find(f => f.scheme === uri.scheme && f.authority === uri.authority && UriUtils.contains(f, uri));
    if (!folder) return false;
    const depth = (u: URI) => u.path.split('/').filter(Boolean).length;
    for (let dir = UriUtils.dirname(uri); depth(dir) > depth(folder); dir = UriUtils.dirname(dir)) {
        if (!workspace.shouldIncludeEntry({ isFile: false, isDirectory: true, uri: dir })) return false;
    }
    try {
        const stat = await fileSystem.stat(uri);
        return stat.isFile && workspace.shouldIncludeEntry(stat);
    } catch {
        return false;
    }
}
