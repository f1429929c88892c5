#!/usr/bin/env node
// The quarterhour command: runs the compiled package in dist/ (built by `npm install` through the
// `prepare` script, or by `npm run build`).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
