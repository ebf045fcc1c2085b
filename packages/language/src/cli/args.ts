import { UsageError } from './workspace-loader.js';
import { pushAll } from '../util/large-arrays.js';

export interface ParsedArgs {
    readonly positional: string[];
    readonly options: Map<string, string | true>;
}

/**
 * `--name value`, `--name=value` and bare flags. `valued` lists the options
 * that take a value; any other `--x` is a flag, and unknown ones are refused.
 */
export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[]): ParsedArgs {
    const positional: string[] = [];
    const options = new Map<string, string | true>();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--') {
            pushAll(positional, argv.slice(i + 1));
            break;
        }
        if (!arg.startsWith('-') || arg === '-') {
            positional.push(arg);
            continue;
        }
        const [name, inline] = arg.startsWith('--') ? splitOnce(arg.slice(2)) : [shortName(arg), undefined];
        if (valued.includes(name)) {
            const value = inline ?? argv[++i];
            if (value === undefined) throw new UsageError(`--${name} needs a value`);
            options.set(name, value);
        } else if (flags.includes(name) && inline === undefined) {
            options.set(name, true);
        } else {
            throw new UsageError(`unknown option ${arg}`);
        }
    }
    return { positional, options };
}

function splitOnce(s: string): [string, string | undefined] {
    const i = s.indexOf('=');
    return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function shortName(arg: string): string {
    const map: Record<string, string> = { '-h': 'help', '-o': 'output', '-v': 'version' };
    const name = map[arg];
    if (!name) throw new UsageError(`unknown option ${arg}`);
    return name;
}

export function choice<T extends string>(value: string | true | undefined, allowed: readonly T[], name: string, fallback: T): T {
    if (value === undefined) return fallback;
    if (value === true || !allowed.includes(value as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
    return value as T;
}
