#!/usr/bin/env node
// Committed so that installing the package links a bin that exists before `dist/` is built.
import '../dist/cli.js';
