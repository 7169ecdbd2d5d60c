#!/usr/bin/env node
// Entry point of the doris-sandbox command (the compiled CLI lives in dist/).
import '../dist/src/cli.js';
