// The esbuild rule of every bundle that runs in a browser (the core check,
// the playground, the extension's web entry): a Node built-in imported
// anywhere, by our code or a dependency's, fails the build and names the
// importer. Bundling a shim instead would hide a Node-only code path.
import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules.flatMap(name => [name, `node:${name}`]));

/** The plugin; `where` ends the error message, e.g. 'the playground runs in a browser'. */
export function noNodeBuiltins(where) {
    return {
        name: 'no-node-builtins',
        setup(build) {
            build.onResolve({ filter: /.*/ }, args =>
                BUILTINS.has(args.path)
                    ? { errors: [{ text: `${args.path} is a Node built-in (imported by ${args.importer}); ${where}` }] }
                    : undefined
            );
        }
    };
}
