/** speeds.csv, trip_rates.csv and time_profiles.csv -> Behaviour (typed arrays by service and age band). */
import { AGE_BANDS, N_AGE_BANDS, ageBandIndex } from '../../core/ageBands.ts';
import type { Behaviour, ServiceDef } from '../types.ts';
import { FieldReader, type Problems, type RawRow, type RawTable } from '../rows.ts';

function band(f: FieldReader, r: RawRow, problems: Problems): number {
  const label = f.str(r, 'age_band');
  const b = ageBandIndex(label);
  if (label !== '' && b < 0) problems.add(f.table.file, `is '${label}', expected one of ${AGE_BANDS.join(', ')}`, r.row, 'age_band');
  return b;
}

export function parseSpeeds(table: RawTable, problems: Problems, sources: Record<string, string>): Float64Array {
  const f = new FieldReader(table, problems);
  const speed = new Float64Array(N_AGE_BANDS).fill(NaN);
  if (!f.requireColumns(['age_band', 'speed_mps'])) return speed;
  for (const r of table.rows) {
    const b = band(f, r, problems);
    const v = f.num(r, 'speed_mps', { min: 0, exclusiveMin: true, max: 5 });
    if (b < 0) continue;
    if (!Number.isNaN(speed[b])) problems.add(table.file, `age band '${AGE_BANDS[b]}' appears twice`, r.row, 'age_band');
    speed[b] = v;
    sources[`speed:${AGE_BANDS[b]}`] = f.str(r, 'source', { optional: true });
  }
  AGE_BANDS.forEach((label, b) => {
    if (Number.isNaN(speed[b]) && !problems.list.some((p) => p.file === table.file)) problems.add(table.file, `no speed for age band '${label}', expected one row per age band`);
  });
  return speed;
}

export function parseTripRates(table: RawTable, problems: Problems, services: ServiceDef[], serviceIndex: Map<string, number>, sources: Record<string, string>): Float64Array {
  const f = new FieldReader(table, problems);
  const rates = new Float64Array(services.length * N_AGE_BANDS);
  if (!f.requireColumns(['service', 'age_band', 'trips_per_day'])) return rates;
  const seen = new Set<number>();
  for (const r of table.rows) {
    const sid = f.str(r, 'service');
    const s = serviceIndex.get(sid);
    if (sid !== '' && s === undefined) problems.add(table.file, `unknown service id '${sid}', expected one of services.csv's ids`, r.row, 'service');
    const b = band(f, r, problems);
    const v = f.num(r, 'trips_per_day', { min: 0, max: 50 });
    if (s === undefined || b < 0) continue;
    const k = s * N_AGE_BANDS + b;
    if (seen.has(k)) problems.add(table.file, `service '${sid}' and age band '${AGE_BANDS[b]}' appear twice`, r.row);
    seen.add(k);
    rates[k] = v;
    sources[`rate:${sid}:${AGE_BANDS[b]}`] = f.str(r, 'source', { optional: true });
  }
  return rates;
}

export const HOURS = Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`);

/** Hourly departure weights per service, normalised to sum 1; a service without a row gets a flat 7:00–21:00 profile. */
export function parseTimeProfiles(table: RawTable | null, problems: Problems, services: ServiceDef[], serviceIndex: Map<string, number>, sources: Record<string, string>): Float64Array {
  const profile = new Float64Array(services.length * 24);
  const given = new Set<number>();
  if (table) {
    const f = new FieldReader(table, problems);
    if (f.requireColumns(['service', ...HOURS])) {
      for (const r of table.rows) {
        const sid = f.str(r, 'service');
        const s = serviceIndex.get(sid);
        if (sid !== '' && s === undefined) problems.add(table.file, `unknown service id '${sid}', expected one of services.csv's ids`, r.row, 'service');
        const w = HOURS.map((h) => f.num(r, h, { min: 0 }));
        const total = w.reduce((a, b) => a + b, 0);
        if (s === undefined || w.some(Number.isNaN)) continue;
        if (!(total > 0)) {
          problems.add(table.file, 'all hourly weights are 0, expected at least one positive weight', r.row);
          continue;
        }
        w.forEach((x, h) => (profile[s * 24 + h] = x / total));
        given.add(s);
        sources[`profile:${sid}`] = f.str(r, 'source', { optional: true });
      }
    }
  }
  services.forEach((svc, s) => {
    if (given.has(s)) return;
    for (let h = 7; h <= 20; h++) profile[s * 24 + h] = 1 / 14;
    sources[`profile:${svc.id}`] = 'flat 7:00-21:00 (no time profile given)';
  });
  return profile;
}

export function makeBehaviour(speedMps: Float64Array, tripsPerDay: Float64Array, departureProfile: Float64Array, chainProbability: number, sources: Record<string, string>): Behaviour {
  return { speedMps, tripsPerDay, departureProfile, chainProbability, sources };
}
