import type { FileDiagnostic } from '../diagnostics.js';

export function formatCheckJson(diagnostics: readonly FileDiagnostic[], files: readonly string[]): string {
    const count = (s: string) => diagnostics.filter(d => d.severity === s).length;
    return (
        JSON.stringify(
            {
                files,
                errors: count('error'),
                warnings: count('warning'),
                infos: count('info'),
                diagnostics
            },
            null,
            2
        ) + '\n'
    );
}
