import type { FileDiagnostic } from '../diagnostics.js';
import { terminalSafe } from '../terminal-safe.js';

/** `file:line:col: severity code message`, the form compilers print and editors link. */
export function formatCheckText(diagnostics: readonly FileDiagnostic[], files: readonly string[]): string {
    // One diagnostic, one line: editors and grep link `file:line:col:` per line.
    const lines = diagnostics.map(d =>
        terminalSafe(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message.replace(/\s*\r?\n\s*/g, ' ')}`)
    );
    const count = (s: string) => diagnostics.filter(d => d.severity === s).length;
    const errors = count('error');
    const warnings = count('warning');
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    lines.push(
        `${plural(files.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${count('info')} info`
    );
    return lines.join('\n') + '\n';
}
