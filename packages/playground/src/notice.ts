/** The bar under the toolbar: one message at a time, always as text (it may quote a file name). */
export function showNotice(text: string, kind: 'info' | 'error' = 'info'): void {
    const bar = document.getElementById('notice');
    const message = document.getElementById('notice-text');
    if (!bar || !message) return;
    message.textContent = text;
    bar.dataset.kind = kind;
    bar.hidden = false;
}

export function hideNotice(): void {
    const bar = document.getElementById('notice');
    if (bar) bar.hidden = true;
}
