#!/usr/bin/env node
// The `opentok-emulator` bin. It lives outside dist/ so that a fresh install links it before
// the package is built (pnpm warns about a bin whose target is missing).
import '../dist/cli.js';
