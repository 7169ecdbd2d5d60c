#!/usr/bin/env node
// Placeholder until the syncer lands (issue "ccr-syncer, part 1"): the demo needs both programs.
console.error(
  'npm run demo is not available yet: it needs the ccr-syncer daemon and doris-sandbox clusters,\n' +
    'which are still being built. See README.md, "Status".',
);
process.exit(1);
