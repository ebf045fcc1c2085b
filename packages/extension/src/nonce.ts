/**
 * A fresh random value for a webview page's CSP (128 bits, base64): Web
 * Crypto, so the same code runs in Node 20 and in VS Code for the Web.
 */
export function newNonce(): string {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
    return btoa(String.fromCharCode(...bytes));
}
