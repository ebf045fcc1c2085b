import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { expect, test } from 'vitest';
import { createConvspecCoreServices } from '../../src/convspec-module.js';
import { exportPyTorch } from '../../src/export/pytorch-export.js';
import type { Model } from '../../src/generated/ast.js';

/**
 * `pad same` on a pool is Keras's rule, values included: the exported max pool
 * never picks a padded cell and the average divides by the cells inside the
 * input. same_pooling.py computes TensorFlow's definition cell by cell.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const POOLS: [string, [number, number], [number, number]][] = [
    ['maxpool', [2, 2], [1, 1]], // YOLOv3-tiny's: one cell of padding right and bottom
    ['maxpool', [3, 3], [2, 2]],
    ['avgpool', [3, 2], [2, 1]],
    ['avgpool', [2, 2], [1, 1]],
    ['maxpool', [3, 3], [1, 1]], // symmetric: 1 on each side
    ['avgpool', [3, 3], [1, 1]]
];

test('pools with `pad same` export to what TensorFlow computes, on mostly negative inputs', async () => {
    const statements = POOLS.map(([kind, k, s]) => `${kind} ${k.join('x')} stride ${s.join('x')} pad same`);
    const text = `network SamePools {\n  input 9x7x3\n  ${statements.join('\n  ')}\n}\n`;
    const services = createConvspecCoreServices(EmptyFileSystem).Convspec;
    const document = await parseHelper<Model>(services)(text, { validation: true });
    expect(document.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convspec-same-'));
    const file = path.join(dir, 'same.py');
    fs.writeFileSync(file, exportPyTorch(services.inference.Analyzer.analyze(document), { source: 'same', version: 'test' }));
    const run = spawnSync('/usr/bin/python3', [path.join(here, 'same_pooling.py'), file, JSON.stringify(POOLS)], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    const diffs: number[] = JSON.parse(run.stdout);
    expect(diffs).toHaveLength(POOLS.length);
    for (const [i, d] of diffs.entries()) expect(d, statements[i]).toBeLessThan(1e-5);
}, 60_000);
