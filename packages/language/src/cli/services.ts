import { AsyncLocalStorage } from 'node:async_hooks';
import { createConvspecCoreServices, type ConvspecServices } from '../convspec-module.js';
import { BoundedNodeFileSystem } from '../node/bounded-file-system.js';

/*
 * Building the services builds the parser (Chevrotain's grammar analysis):
 * about 45 ms, more than checking a small file. One process that runs many
 * commands (the tests, the fuzzer, an editor task runner calling `main`)
 * reuses them: the services a command used are emptied and kept when it
 * ends, and handed to a later command. A command never shares them with
 * another one running at the same time.
 */

const idle: ConvspecServices[] = [];
const leases = new AsyncLocalStorage<ConvspecServices[]>();

/** Headless services: the language and its inference, no LSP; reused ones when called inside `withReusedServices`. */
export function createCliServices(): ConvspecServices {
    const lease = leases.getStore();
    if (!lease) return createConvspecCoreServices(BoundedNodeFileSystem).Convspec;
    const services = idle.pop() ?? createConvspecCoreServices(BoundedNodeFileSystem).Convspec;
    lease.push(services);
    return services;
}

/** Runs one command; the services it created are emptied afterwards and kept for the next command. */
export async function withReusedServices<T>(command: () => Promise<T>): Promise<T> {
    const lease: ConvspecServices[] = [];
    try {
        return await leases.run(lease, command);
    } finally {
        for (const services of lease) {
            if (await emptied(services)) idle.push(services);
        }
    }
}

/** Every document removed the way an editor's deletion does it, so the workspace caches are dropped with them. */
async function emptied(services: ConvspecServices): Promise<boolean> {
    const workspace = services.shared.workspace;
    try {
        const uris = workspace.LangiumDocuments.all.map(d => d.uri).toArray();
        await workspace.DocumentBuilder.update([], uris);
        return workspace.LangiumDocuments.all.isEmpty();
    } catch {
        return false; // not reusable: left to the garbage collector
    }
}
