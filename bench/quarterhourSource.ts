/** The quarterhour command run from its sources (through tsx), for benchmarks when dist/ is not built. */
import { main } from '../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
