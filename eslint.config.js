// @ts-check
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';

/*
 * The layers only look down (docs/architecture.md): the engine imports
 * nothing above it, the core no Node built-ins, the exporter asserts
 * nothing. Formatting is Prettier's (`pnpm format`); ESLint keeps the
 * 140-character limit for what Prettier cannot wrap (long strings).
 */

const LANGUAGE_SRC = 'packages/language/src';

/** Folders above the engine: `inference/` may import none of them. */
const ABOVE_THE_ENGINE = ['validation', 'presentation', 'lsp', 'cli', 'fixes', 'render', 'export', 'summary', 'api', 'node'];

/** Node built-ins the core may not use: it runs in browsers and web workers too. */
const NODE_BUILTINS = [
    'fs',
    'fs/promises',
    'path',
    'process',
    'child_process',
    'os',
    'url',
    'crypto',
    'module',
    'util',
    'worker_threads',
    'stream'
];

const nodeBuiltinPaths = NODE_BUILTINS.map(name => ({
    name,
    message: 'The core runs in browsers too: Node built-ins belong in src/node/ or src/cli/.'
}));
const nodeBuiltinPatterns = [
    { group: ['node:*'], message: 'The core runs in browsers too: Node built-ins belong in src/node/ or src/cli/.' }
];
const engineLayerPatterns = [
    {
        group: ABOVE_THE_ENGINE.flatMap(dir => [`../${dir}/*`, `../../${dir}/*`]),
        message: 'The engine imports nothing above it (docs/architecture.md): return typed data and let the upper layer word or use it.'
    }
];

export default tseslint.config(
    {
        ignores: [
            '**/node_modules/**',
            '**/out/**',
            '**/dist/**',
            '.tools/**',
            'test-results/**',
            `${LANGUAGE_SRC}/generated/**`,
            'packages/language/syntaxes/**',
            'packages/extension/syntaxes/**'
        ]
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ['packages/*/src/**/*.ts'],
        plugins: { '@stylistic': stylistic },
        rules: { '@stylistic/max-len': ['error', { code: 140 }] }
    },
    {
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
            'no-constant-condition': ['error', { checkLoops: false }]
        }
    },
    {
        files: ['**/*.mjs', '**/*.js'],
        languageOptions: {
            globals: {
                process: 'readonly',
                console: 'readonly',
                URL: 'readonly',
                setTimeout: 'readonly',
                clearTimeout: 'readonly',
                Buffer: 'readonly',
                fetch: 'readonly'
            }
        }
    },
    {
        // The core: no Node built-ins, no `process`.
        files: [`${LANGUAGE_SRC}/**/*.ts`],
        ignores: [`${LANGUAGE_SRC}/cli/**`, `${LANGUAGE_SRC}/node/**`],
        rules: {
            'no-restricted-imports': ['error', { paths: nodeBuiltinPaths, patterns: nodeBuiltinPatterns }],
            'no-restricted-globals': [
                'error',
                { name: 'process', message: 'The core runs in browsers too: take what you need as a parameter.' }
            ]
        }
    },
    {
        // A spread into a call puts every element on the stack: at ~120,000 (a big file's statements) it overflows.
        files: [`${LANGUAGE_SRC}/**/*.ts`],
        rules: {
            'no-restricted-syntax': [
                'error',
                {
                    selector: 'CallExpression[callee.property.name=/^(max|min|push|unshift)$/] > SpreadElement',
                    message: 'Spreading an array of unbounded size overflows the stack: use maxOf/minOf/pushAll (src/util/large-arrays.ts).'
                }
            ]
        }
    },
    {
        // The engine: also nothing from the layers above it.
        files: [`${LANGUAGE_SRC}/inference/**/*.ts`],
        rules: {
            'no-restricted-imports': ['error', { paths: nodeBuiltinPaths, patterns: [...nodeBuiltinPatterns, ...engineLayerPatterns] }]
        }
    },
    {
        // The exporter writes code from the tree's types: no `!`, no `as`.
        files: [`${LANGUAGE_SRC}/export/**/*.ts`],
        rules: {
            '@typescript-eslint/no-non-null-assertion': 'error',
            '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }]
        }
    },
    {
        // Tests speak JSON-RPC and read untyped output.
        files: ['packages/*/test/**/*.ts'],
        rules: {
            '@typescript-eslint/no-explicit-any': 'off',
            '@typescript-eslint/no-non-null-assertion': 'off'
        }
    }
);
