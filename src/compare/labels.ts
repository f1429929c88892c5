/** Plan labels: the plan file's name without '.json', made unique ('today' is the baseline's). */
import path from 'node:path';

export const BASELINE_LABEL = 'today';

export function planLabels(files: string[]): string[] {
  const used = new Set([BASELINE_LABEL]);
  return files.map((f) => {
    const base = path.basename(f).replace(/\.json$/i, '') || path.basename(f);
    let label = base;
    for (let k = 2; used.has(label); k++) label = `${base}#${k}`;
    used.add(label);
    return label;
  });
}
