/** The tiny fixture with two hand-checkable plans: P1 puts repair in kiosk K1 (block B), P2 a grocery in shop S1 (next to B). */
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, tempDir } from '../helpers/fixtures.ts';

export const TINY = path.join(FIXTURES, 'scenarios', 'tiny');

export const P1 = { conversions: [{ candidate: 'K1', services: ['repair'] }] };
export const P2 = { conversions: [{ candidate: 'S1', services: ['grocery'] }] };

/** Write plan documents as <name>.json into a fresh folder; returns their paths. */
export function writePlans(plans: Record<string, unknown>): string[] {
  const dir = tempDir('qh-plans-');
  return Object.entries(plans).map(([name, doc]) => {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return file;
  });
}
