import type { IssueCode, Severity } from './codes.js';

/** One diagnostic as the CLI, the JSON and the library report it: 1-based lines and columns. */
export interface ConvDiagnostic {
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
    readonly severity: Severity;
    readonly code: IssueCode;
    readonly message: string;
}
