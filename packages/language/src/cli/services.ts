import { NodeFileSystem } from 'langium/node';
import { createConvspecCoreServices, type ConvspecServices } from '../convspec-module.js';

/** Headless services: the language and its inference, no LSP. */
export function createCliServices(): ConvspecServices {
    return createConvspecCoreServices(NodeFileSystem).Convspec;
}
