import { pathToFileURL } from 'node:url';
import { ISSUE_CODES, ISSUE_REGISTRY } from '../../diagnostics/codes.js';
import type { FileDiagnostic } from '../diagnostics.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * SARIF 2.1.0, as GitHub code scanning ingests it: one rule per code with its
 * help text, one result per diagnostic, locations relative to the run's root.
 */
export function formatCheckSarif(diagnostics: readonly FileDiagnostic[], version: string, cwd: string): string {
    const codes = ISSUE_CODES;
    const ruleIndex = new Map(codes.map((c, i) => [c as string, i]));
    const sarif = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'convspec',
                        version,
                        rules: codes.map(code => ({
                            id: code,
                            name: code.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
                            shortDescription: { text: ISSUE_REGISTRY[code].title },
                            fullDescription: { text: ISSUE_REGISTRY[code].help },
                            help: { text: ISSUE_REGISTRY[code].help },
                            defaultConfiguration: { level: LEVEL[ISSUE_REGISTRY[code].severity] }
                        }))
                    }
                },
                originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
                results: diagnostics.map(d => ({
                    ruleId: d.code,
                    ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
                    level: LEVEL[d.severity],
                    message: { text: d.message },
                    locations: [
                        {
                            physicalLocation: {
                                artifactLocation: { uri: relativeUri(d.file), uriBaseId: 'SRCROOT' },
                                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn }
                            }
                        }
                    ]
                }))
            }
        ]
    };
    return JSON.stringify(sarif, null, 2) + '\n';
}

/**
 * A relative URI reference for a displayed path: percent-encoded (so `#` is
 * no fragment), and `./` first when the first segment has a `:`
 * (so `c:odd.conv` is no scheme). Absolute paths become file URLs.
 */
function relativeUri(file: string): string {
    if (file.startsWith('/')) return pathToFileURL(file).href;
    // Node's own file-URL encoding, so the result resolves to exactly pathToFileURL(cwd/file).
    const encoded = pathToFileURL(`/${file}`).href.slice('file:///'.length);
    return file.split('/')[0].includes(':') ? `./${encoded}` : encoded;
}
