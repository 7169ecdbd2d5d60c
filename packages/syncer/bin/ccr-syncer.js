#!/usr/bin/env -S node --max-semi-space-size=4
// Entry point of the ccr-syncer daemon (the compiled CLI lives in dist/). Source maps are switched on
// before the CLI loads so stack traces and the log's line= field point at the TypeScript sources.
// The first line's node flags are the daemon's (start_syncer.sh and the test harness read them from there):
// a young generation of at most 4 MB per semi-space instead of V8's 16 MB, because the daemon's live data is
// small and what it allocates dies within a step; with 100 idle jobs the default held ~20 MB of garbage.
process.setSourceMapsEnabled(true);
await import('../dist/src/cli/main.js');
