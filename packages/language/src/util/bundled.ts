/** Written in by the bundler (esbuild's `define`, see esbuild.mjs); not defined in the unbundled build (out/, the tests). */
declare const CONVSPEC_BUNDLED_VERSION: string | undefined;

/**
 * The package version the running bundle was built from, or undefined when this code runs unbundled. One place
 * reads the bundler's constant: the CLI's `--version`, the library's version and the check workers (which run
 * only from the bundle) ask here.
 */
export const BUNDLED_VERSION: string | undefined = typeof CONVSPEC_BUNDLED_VERSION === 'string' ? CONVSPEC_BUNDLED_VERSION : undefined;
