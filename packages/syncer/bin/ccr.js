#!/usr/bin/env node
// The operator's command line for a running ccr-syncer (the compiled code lives in dist/). Same as
// `ccr-syncer ctl …`.
process.setSourceMapsEnabled(true);
const { runCtl } = await import('../dist/src/ctl/main.js');
// Exit at once: idle keep-alive connections to the syncer would hold the process for seconds.
process.exit(await runCtl(process.argv.slice(2)));
