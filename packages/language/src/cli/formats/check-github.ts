import type { FileDiagnostic } from '../diagnostics.js';
import { terminalSafe } from '../terminal-safe.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub's workflow-command escaping: data escapes %, CR, LF; properties also `:` and `,`. Other controls become `\xNN`. */
function escapeData(s: string): string {
    return terminalSafe(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

function escapeProperty(s: string): string {
    return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message` annotations for GitHub Actions. */
export function formatCheckGithub(diagnostics: readonly FileDiagnostic[]): string {
    return diagnostics
        .map(
            d =>
                `::${COMMAND[d.severity]} file=${escapeProperty(d.file)},line=${d.line},col=${d.column},` +
                `endLine=${d.endLine},endColumn=${d.endColumn},title=${escapeProperty(d.code)}::${escapeData(d.message)}`
        )
        .map(l => l + '\n')
        .join('');
}
