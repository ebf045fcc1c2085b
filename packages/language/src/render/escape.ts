/**
 * Text and attribute escaping for everything the renderer writes. Every
 * string that comes from a file (names, labels, source text, file names)
 * goes through `escapeXml`: the output is shown in a webview and in
 * browsers, and a `/* <script> *\/` comment inside a layer's text must stay text.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Undefined (a network whose name is still being typed) is the empty text. */
export function escapeXml(text: string | undefined): string {
    return (text ?? '').replace(/[&<>"']/g, c => ENTITIES[c]);
}
