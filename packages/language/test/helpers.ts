import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { expect } from 'vitest';
import { createConvspecCoreServices } from '../src/convspec-module.js';
import type { Model } from '../src/generated/ast.js';
import type { DocumentAnalysis, Instance } from '../src/inference/model.js';

export const services = createConvspecCoreServices(EmptyFileSystem).Convspec;
const parse = parseHelper<Model>(services);

export interface Validated {
    document: LangiumDocument<Model>;
    diagnostics: Diagnostic[];
    analysis: DocumentAnalysis;
    codes: string[];
}

/** Parses and validates `.conv` text the way the language server does. */
export async function validate(text: string): Promise<Validated> {
    const document = await parse(text, { validation: true });
    const diagnostics = document.diagnostics ?? [];
    return {
        document,
        diagnostics,
        analysis: services.inference.Analyzer.analyze(document),
        codes: diagnostics.map(d => String(d.code))
    };
}

/** The text a diagnostic's range covers. */
export function rangeText(document: LangiumDocument, diagnostic: Diagnostic): string {
    const text = document.textDocument;
    return text.getText(diagnostic.range);
}

/** Wraps statements in a network on the given input. */
export function net(input: string, body: string, header = ''): string {
    return `network N {\n  input ${input}\n${header ? `  ${header}\n` : ''}${body
        .split('\n')
        .map(l => `  ${l}`)
        .join('\n')}\n}\n`;
}

/** Every instance of a tree, structures before their contents (pre-order). */
export function allInstances(instances: readonly Instance[]): Instance[] {
    return instances.flatMap(i => [i, ...(i.kind === 'structure' ? i.lanes.flatMap(l => allInstances(l.children)) : [])]);
}

export interface Raised {
    result: Validated;
    diagnostic: Diagnostic;
    range: string;
    message: string;
}

/** Validates `text` and returns the single diagnostic with `code`, failing if there is not exactly one. */
export async function raises(text: string, code: string, severity: number): Promise<Raised> {
    const result = await validate(text);
    const matching = result.diagnostics.filter(d => d.code === code);
    expect(matching, `expected one ${code} in ${JSON.stringify(result.diagnostics.map(d => [d.code, d.message]))}`).toHaveLength(1);
    const diagnostic = matching[0];
    expect(diagnostic.severity).toBe(severity);
    return { result, diagnostic, range: rangeText(result.document, diagnostic), message: diagnostic.message };
}

/** Every diagnostic with `code`. */
export async function all(text: string, code: string): Promise<{ result: Validated; found: Diagnostic[] }> {
    const result = await validate(text);
    return { result, found: result.diagnostics.filter(d => d.code === code) };
}

/** Validates `text` and checks that `code` is not among its diagnostics. */
export async function silent(text: string, code: string): Promise<Validated> {
    const result = await validate(text);
    expect(result.codes, JSON.stringify(result.diagnostics.map(d => [d.code, d.message]))).not.toContain(code);
    return result;
}

/** Validates `text` and expects no diagnostic at all. */
export async function clean(text: string): Promise<Validated> {
    const result = await validate(text);
    expect(result.diagnostics.map(d => `${d.code}: ${d.message}`)).toEqual([]);
    return result;
}
