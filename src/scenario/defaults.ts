/** The default service catalogue and behaviour tables, kept as data files (with sources) in ./defaults. */
import { fileURLToPath } from 'node:url';
import { readCsv } from '../io/csv.ts';
import { DEFAULT_CHAIN_PROBABILITY } from './meta.ts';
import { Problems, tableFromCsv, type RawTable } from './rows.ts';
import { makeBehaviour, parseSpeeds, parseTimeProfiles, parseTripRates } from './tables/behaviour.ts';
import { parseServices } from './tables/services.ts';
import type { Scenario } from './types.ts';

export const DEFAULTS_DIR = fileURLToPath(new URL('./defaults/', import.meta.url));

export type DefaultTable = 'services' | 'speeds' | 'trip_rates' | 'time_profiles';

/** A default table; 'capacities' holds the capacity norms (capacity.ts), which scenarios do not carry. */
export async function readDefaultTable(name: DefaultTable | 'capacities'): Promise<RawTable> {
  return tableFromCsv(await readCsv(`${DEFAULTS_DIR}${name}.csv`));
}

/** The built-in catalogue and behaviour, as generators and importers start from. */
export async function defaultCatalogue(): Promise<Pick<Scenario, 'services' | 'serviceIndex' | 'behaviour'>> {
  const problems = new Problems();
  const services = parseServices(await readDefaultTable('services'), problems);
  const serviceIndex = new Map(services.map((s, i) => [s.id, i]));
  const sources: Record<string, string> = {};
  const behaviour = makeBehaviour(
    parseSpeeds(await readDefaultTable('speeds'), problems, sources),
    parseTripRates(await readDefaultTable('trip_rates'), problems, services, serviceIndex, sources),
    parseTimeProfiles(await readDefaultTable('time_profiles'), problems, services, serviceIndex, sources),
    DEFAULT_CHAIN_PROBABILITY,
    sources,
  );
  problems.throwIfAny();
  return { services, serviceIndex, behaviour };
}
