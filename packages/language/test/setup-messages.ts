/**
 * Runs before every test file: every diagnostic any test makes passes
 * through the check of test/message-check.ts, whichever harness made it, and
 * the file fails if one leaks a JavaScript value.
 */
import { afterAll, expect } from 'vitest';
import { ConvspecDocumentValidator } from '../src/validation/document-validator.js';
import { leakedValues } from './message-check.js';

const leaks: string[] = [];
const validate = ConvspecDocumentValidator.prototype.validateDocument;
ConvspecDocumentValidator.prototype.validateDocument = async function (...args) {
    const diagnostics = await validate.apply(this, args);
    for (const d of diagnostics) if (leakedValues(d.message)) leaks.push(`${d.code}: ${d.message}`);
    return diagnostics;
};

afterAll(() => {
    expect([...new Set(leaks)], 'diagnostic messages showing a JavaScript undefined, NaN or [object Object]').toEqual([]);
});
