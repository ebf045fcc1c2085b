import { readFileSync } from 'node:fs';
import { BUNDLED_VERSION } from '../util/bundled.js';

/**
 * The package's version. The bundle carries it as a constant, so that
 * `--version` reads no file; `out/` and the tests read package.json.
 */
export const VERSION: string = BUNDLED_VERSION ?? JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
