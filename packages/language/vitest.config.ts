import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        // Every diagnostic any test makes is checked for leaked JavaScript values (undefined, NaN, [object Object]).
        setupFiles: ['test/setup-messages.ts'],
        testTimeout: 60_000,
        hookTimeout: 60_000
    }
});
