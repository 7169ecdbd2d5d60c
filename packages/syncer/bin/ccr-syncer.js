#!/usr/bin/env node
// Entry point of the ccr-syncer daemon (the compiled CLI lives in dist/). Source maps are switched on
// before the CLI loads so stack traces and the log's line= field point at the TypeScript sources.
process.setSourceMapsEnabled(true);
await import('../dist/src/cli/main.js');
