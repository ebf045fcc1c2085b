/**
 * The lenses above each network: the totals line, and in a file with several
 * networks `compare with …`, which runs the client's network-view command
 * with a compare request (the VS Code extension opens its compare mode) or,
 * for a client without that command, names the `convspec diff` call.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { en, EXAMPLES } from './harness.js';
import { InProcessSession } from './in-process.js';

const VIEW_COMMAND = 'convspec.showNetworkView';
const INCEPTION = fs.readFileSync(path.join(EXAMPLES, 'inception.conv'), 'utf8');
const THREE = ['A', 'B', 'C'].map(name => `network ${name} {\n  input 8x8x3\n  conv 4 3x3\n}\n`).join('');

/** A session whose client announced the network-view command at `initialize`, as the extension does. */
async function extensionSession(): Promise<InProcessSession> {
    const session = await InProcessSession.start();
    await session.services.shared.lsp.LanguageServer.initialize({
        processId: null,
        rootUri: null,
        capabilities: {},
        initializationOptions: { networkViewCommand: VIEW_COMMAND }
    });
    return session;
}

const titles = (lenses: any[]) => lenses.map(l => l.command.title);

describe('with the extension (a network-view command announced)', () => {
    let s: InProcessSession;
    beforeAll(async () => {
        s = await extensionSession();
    });
    afterAll(async () => s.stop());

    test('two networks: a totals lens, then `compare with` the other, with the request the extension reads', async () => {
        const { uri } = await s.open(INCEPTION, 'inception.conv');
        const lenses = await s.codeLens(uri);
        // Naive: 1·1·192·64 + 3·3·192·128 + 5·5·192·32 = 12,288 + 221,184 + 153,600 = 387,072.
        // Reduced: 12,288 + (192·96 + 9·96·128) + (192·16 + 25·16·32) + 192·32 = 163,328.
        expect(titles(lenses).map(t => t.split(' · ')[0])).toEqual([
            `${en(387072)} params`,
            'compare with Reduced',
            `${en(163328)} params`,
            'compare with Naive'
        ]);
        expect(lenses.map(l => l.command.command)).toEqual(Array(4).fill(VIEW_COMMAND));
        expect(lenses[0].command.arguments).toEqual([uri]);
        expect(lenses[1].command.arguments).toEqual([uri, { compare: 'Naive', with: 'Reduced' }]);
        expect(lenses[3].command.arguments).toEqual([uri, { compare: 'Reduced', with: 'Naive' }]);
        // Both lenses of a network sit on its first line.
        expect(lenses[1].range).toEqual(lenses[0].range);
        expect(lenses[2].range.start.line).toBe(INCEPTION.split('\n').indexOf('network Reduced {'));
    });

    test('three networks: `compare with …` leaves the choice to the editor (no `with`)', async () => {
        const { uri } = await s.open(THREE);
        const compare = (await s.codeLens(uri)).filter(l => l.command.title.startsWith('compare'));
        expect(titles(compare)).toEqual(['compare with …', 'compare with …', 'compare with …']);
        expect(compare.map(l => l.command.arguments[1])).toEqual([{ compare: 'A' }, { compare: 'B' }, { compare: 'C' }]);
    });

    test('one network, or two of the same name: nothing to compare with', async () => {
        const one = await s.open('network N {\n  input 8x8x3\n  conv 4 3x3\n}\n');
        expect(titles(await s.codeLens(one.uri)).filter(t => t.startsWith('compare'))).toEqual([]);
        const twins = await s.open('network N {\n  input 8x8x3\n}\nnetwork N {\n  input 8x8x3\n}\n');
        expect(titles(await s.codeLens(twins.uri)).filter(t => t.startsWith('compare'))).toEqual([]);
    });
});

describe('another LSP client (no command announced)', () => {
    let s: InProcessSession;
    beforeAll(async () => {
        s = await InProcessSession.start();
    });
    afterAll(async () => s.stop());

    test('the compare lens names the `convspec diff` call to type, and runs nothing', async () => {
        const { uri } = await s.open(INCEPTION, 'inception.conv');
        const compare = (await s.codeLens(uri)).filter(l => l.command.title.startsWith('compare'));
        expect(titles(compare)).toEqual([
            'compare with Reduced: convspec diff inception.conv#Naive inception.conv#Reduced',
            'compare with Naive: convspec diff inception.conv#Reduced inception.conv#Naive'
        ]);
        expect(compare.map(l => l.command.command)).toEqual(['', '']);
        expect(compare.map(l => l.command.arguments)).toEqual([undefined, undefined]);
    });

    test('three networks list the others; a file name a shell would split is quoted', async () => {
        const { uri } = await s.open(THREE, "my net's.conv");
        const compare = titles(await s.codeLens(uri)).filter(t => t.startsWith('compare'));
        expect(compare[0]).toBe(`compare with B or C: convspec diff 'my net'\\''s.conv'#A 'my net'\\''s.conv'#<name>`);
        expect(compare[2]).toBe(`compare with A or B: convspec diff 'my net'\\''s.conv'#C 'my net'\\''s.conv'#<name>`);
    });
});
