/** The worker pool: started on demand, or all at once with its handlers loaded ahead of the work. */
import { describe, expect, it } from 'vitest';
import { createPool, runTask } from '../../src/parallel/pool.ts';

describe('the worker pool', () => {
  it('starts one worker and more on demand by default', async () => {
    const pool = createPool(2);
    try {
      expect(pool.threads.length).toBe(1);
      expect(await runTask<string>(pool, { kind: 'ping' })).toBe('pong');
    } finally {
      await pool.destroy();
    }
  });

  it('starts every worker at once when warm, and they answer the kinds they loaded ahead', async () => {
    const pool = createPool(2, { warm: ['simulate-pass', 'no-such-kind'] });
    try {
      expect(pool.threads.length).toBe(2);
      expect(await Promise.all([runTask<string>(pool, { kind: 'ping' }), runTask<string>(pool, { kind: 'ping' })])).toEqual(['pong', 'pong']);
      await expect(runTask(pool, { kind: 'no-such-kind' })).rejects.toThrow(/unknown task kind 'no-such-kind'/);
    } finally {
      await pool.destroy();
    }
  });
});
