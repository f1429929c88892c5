/** How far the travel matrix reaches: the one cutoff every job computes distances to. */
import type { Scenario } from '../scenario/types.ts';

/**
 * A 30-minute walk at the fastest band speed (twice the longest service threshold, at least 15
 * minutes, x the fastest speed). It covers every threshold at every speed, and lets the simulator
 * record trips beyond their threshold but still walkable with their real walking time (within = 0).
 */
export function reachM(scenario: Scenario): number {
  const maxMin = Math.max(15, ...scenario.services.map((s) => s.thresholdMin));
  const maxSpeed = Math.max(...scenario.behaviour.speedMps);
  return 2 * maxMin * 60 * maxSpeed;
}
