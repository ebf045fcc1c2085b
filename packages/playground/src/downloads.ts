/** Saves text as a file through a Blob URL (no server involved); the name is the page file's. */
export function downloadText(name: string, text: string, type: string): void {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `blocks/common.conv` → `common` + extension. */
export function withExtension(name: string, extension: string): string {
    const base = name.slice(name.lastIndexOf('/') + 1);
    return base.replace(/\.conv$/, '') + extension;
}
