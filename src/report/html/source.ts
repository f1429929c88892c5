/** Results files name the scenario they came from (`source`, relative to their folder); load it back for the map. */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { readJsonFile } from '../../io/json.ts';
import { loadScenario } from '../../scenario/load.ts';
import type { Scenario } from '../../scenario/types.ts';

/** Read a JSON results file; a missing or broken file is an InputError naming it. */
export function readJsonObject(file: string): Record<string, unknown> {
  const doc = readJsonFile(file);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new InputError(file, 'expected a JSON object');
  return doc as Record<string, unknown>;
}

export async function scenarioOf(file: string, doc: Record<string, unknown>): Promise<{ scenario: Scenario; location: string }> {
  if (typeof doc.source !== 'string' || doc.source === '') throw new InputError(file, 'expected the scenario path (relative to this file\'s folder)', undefined, 'source');
  const location = path.resolve(path.dirname(file), doc.source);
  if (!fs.existsSync(location)) throw new InputError(file, `the scenario '${doc.source}' (${location}) was not found; the report needs it for the map`, undefined, 'source');
  return { scenario: await loadScenario(location), location };
}
