/*
 * A share link carries the page's files in its fragment (never sent to a
 * server): JSON, deflated (CompressionStream 'deflate-raw'), base64url.
 * `#c1=` names the format, so a later format can be told apart. A link that
 * does not decode — truncated, garbage, an unknown format — is reported, and
 * nothing of it is used.
 */

export interface SharedFile {
    readonly name: string;
    readonly text: string;
}

export interface SharedState {
    readonly files: readonly SharedFile[];
    /** Index into files of the tab that was open. */
    readonly active: number;
}

const PREFIX = '#c1=';

/** Decompressed links stop here: a small link cannot expand into gigabytes (the server's limit is 8 MB per file). */
const MAX_DECODED_BYTES = 16_000_000;

export class ShareLinkError extends Error {}

function toBase64Url(bytes: Uint8Array): string {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareLinkError('it contains characters that are not base64url');
    const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
    let binary: string;
    try {
        binary = atob(padded);
    } catch {
        throw new ShareLinkError('it is not valid base64url');
    }
    return Uint8Array.from(binary, c => c.charCodeAt(0));
}

async function pipe(
    bytes: Uint8Array<ArrayBuffer>,
    transform: CompressionStream | DecompressionStream,
    limit = Infinity
): Promise<Uint8Array<ArrayBuffer>> {
    const reader = new Blob([bytes]).stream().pipeThrough(transform).getReader();
    const chunks: Uint8Array[] = [];
    let length = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        length += value.length;
        if (length > limit) {
            await reader.cancel();
            throw new ShareLinkError(`it expands to more than ${limit.toLocaleString('en-US')} bytes`);
        }
        chunks.push(value);
    }
    const out = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.length;
    }
    return out;
}

export async function encodeShareFragment(state: SharedState): Promise<string> {
    const json = JSON.stringify({ files: state.files.map(f => [f.name, f.text]), active: state.active });
    const compressed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
    return PREFIX + toBase64Url(compressed);
}

export function isShareFragment(hash: string): boolean {
    return hash.startsWith(PREFIX);
}

/** The files of a share fragment; ShareLinkError says, in words, why a link cannot be opened. */
export async function decodeShareFragment(hash: string): Promise<SharedState> {
    if (!isShareFragment(hash)) throw new ShareLinkError('it is not a convspec share link');
    const bytes = fromBase64Url(hash.slice(PREFIX.length));
    let json: string;
    try {
        json = new TextDecoder('utf-8', { fatal: true }).decode(
            await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_DECODED_BYTES)
        );
    } catch (error) {
        if (error instanceof ShareLinkError) throw error;
        throw new ShareLinkError('its data is truncated or damaged');
    }
    let value: unknown;
    try {
        value = JSON.parse(json);
    } catch {
        throw new ShareLinkError('its data is not the text of any file');
    }
    return sharedState(value);
}

function sharedState(value: unknown): SharedState {
    const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const files = record.files;
    if (!Array.isArray(files) || files.length === 0) throw new ShareLinkError('it holds no file');
    const checked = files.map(f => {
        if (!Array.isArray(f) || f.length !== 2 || typeof f[0] !== 'string' || typeof f[1] !== 'string') {
            throw new ShareLinkError('one of its files is not a name and a text');
        }
        return { name: f[0], text: f[1] };
    });
    const active = typeof record.active === 'number' && Number.isInteger(record.active) ? record.active : 0;
    return { files: checked, active: active >= 0 && active < checked.length ? active : 0 };
}
