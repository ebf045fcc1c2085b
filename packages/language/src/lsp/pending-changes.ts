import { URI } from 'langium';

/**
 * The document changes not yet handed to the DocumentBuilder, each URI once.
 * The last word about a URI wins: a file deleted and recreated is changed, a
 * document changed and then released is deleted.
 */
export class PendingChanges {
    private readonly changed = new Map<string, URI>();
    private readonly deleted = new Map<string, URI>();

    add(changed: readonly URI[], deleted: readonly URI[]): void {
        for (const uri of deleted) {
            this.changed.delete(uri.toString());
            this.deleted.set(uri.toString(), uri);
        }
        for (const uri of changed) {
            this.deleted.delete(uri.toString());
            this.changed.set(uri.toString(), uri);
        }
    }

    /** The URIs changed so far. */
    get changedUris(): Iterable<URI> {
        return this.changed.values();
    }

    get empty(): boolean {
        return this.changed.size === 0 && this.deleted.size === 0;
    }

    /** Everything pending, and nothing left behind. */
    take(): { changed: URI[]; deleted: URI[] } {
        const taken = { changed: [...this.changed.values()], deleted: [...this.deleted.values()] };
        this.changed.clear();
        this.deleted.clear();
        return taken;
    }
}
