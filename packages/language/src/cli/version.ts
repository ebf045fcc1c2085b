import { readFileSync } from 'node:fs';

/** Written in by the bundler (esbuild's `define`, see esbuild.mjs); undefined in the unbundled build. */
declare const CONVSPEC_BUNDLED_VERSION: string | undefined;

/**
 * The package's version. The bundle carries it as a constant, so that
 * `--version` reads no file; `out/` and the tests read package.json.
 */
export const VERSION: string =
    typeof CONVSPEC_BUNDLED_VERSION === 'string'
        ? CONVSPEC_BUNDLED_VERSION
        : JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
