#!/usr/bin/env node
// The quarterhour command. Sources are TypeScript, run through tsx's loader (also in worker threads).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
