import { RUNTIME_NAMES } from './pytorch-runtime.js';

/** Python's reserved words and the names the generated module itself defines. */
const RESERVED = new Set([
    'False',
    'None',
    'True',
    'and',
    'as',
    'assert',
    'async',
    'await',
    'break',
    'class',
    'continue',
    'def',
    'del',
    'elif',
    'else',
    'except',
    'finally',
    'for',
    'from',
    'global',
    'if',
    'import',
    'in',
    'is',
    'lambda',
    'nonlocal',
    'not',
    'or',
    'pass',
    'raise',
    'return',
    'try',
    'while',
    'with',
    'yield',
    'match',
    'case',
    'type',
    '_',
    ...RUNTIME_NAMES
]);

/**
 * A safe Python identifier for a name from a `.conv` file. Names there are
 * already `[A-Za-z_][A-Za-z0-9_]*`; anything else (or a reserved word) is
 * rewritten, so no file can put code into the generated module.
 */
export function pythonIdentifier(name: string, fallback: string): string {
    let id = name.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(id)) id = `${fallback}_${id}`;
    if (id === '' || RESERVED.has(id) || id.startsWith('__')) id = `${fallback}_${id}`;
    return id;
}

/** Text safe inside a single-line `#` comment. */
export function commentText(text: string): string {
    // Control characters and line separators would end the comment and start code.
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}
