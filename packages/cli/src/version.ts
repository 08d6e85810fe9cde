import { createRequire } from 'node:module';

/** The version of the `inferschema` package (and of its `@inferschema/*` siblings, versioned together). */
export const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
