import { UriUtils, type URI } from 'langium';

/** Imports resolve relative to the importing file's folder. */
export function resolveImport(from: URI, path: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(from), path);
}
