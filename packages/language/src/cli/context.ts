import * as path from 'node:path';

/**
 * Where a command reads and writes: the process's own folder and streams
 * when run from `bin/convspec.js`, a test's when run in process.
 */
export interface CliContext {
    /** The folder relative paths resolve against and displayed names are relative to. */
    readonly cwd: string;
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
}

export function processContext(): CliContext {
    return {
        cwd: process.cwd(),
        stdout: text => void process.stdout.write(text),
        stderr: text => void process.stderr.write(text)
    };
}

/** A path the user gave, as an absolute path. */
export function resolvePath(context: CliContext, file: string): string {
    return path.resolve(context.cwd, file);
}
