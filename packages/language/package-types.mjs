// The npm package's declarations: out/api/public.d.ts and every .d.ts it
// reaches through relative imports, copied into dist/types/ with their
// folders. Fails when one of them imports a package (langium, chevrotain,
// vscode-*): the package has no dependencies, so a consumer could not
// resolve it, and the API promises plain data, not Langium's types.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('out/', import.meta.url));
const types = fileURLToPath(new URL('dist/types/', import.meta.url));
const ENTRY = join(out, 'api/public.d.ts');

const SPECIFIER = /(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;

const seen = new Set();
const packages = [];
const pending = [ENTRY];
while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
        if (!specifier.startsWith('.')) {
            packages.push(`${relative(out, file)} imports ${specifier}`);
            continue;
        }
        const target = resolve(dirname(file), specifier.replace(/\.js$/, '.d.ts'));
        if (!existsSync(target)) throw new Error(`package-types: ${relative(out, file)} imports ${specifier}, and ${target} is missing`);
        pending.push(target);
    }
}
if (packages.length > 0) {
    console.error(`package-types: the API's declarations must not import packages:\n  ${packages.join('\n  ')}`);
    process.exit(1);
}
for (const file of seen) {
    const target = join(types, relative(out, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
}
console.log(`package-types: ${seen.size} declaration files in dist/types/, no package imported`);
