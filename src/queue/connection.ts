/**
 * The --queue URL (redis://[user:password@]host:port[/db]) and the connection options BullMQ and
 * ioredis take from it. Every batch of every coordinator shares one BullMQ queue, QUEUE_NAME under the
 * key prefix PREFIX; job ids keep batches apart (jobIds.ts).
 */
import { InputError } from '../core/errors.ts';

export const QUEUE_NAME = 'batch-runs';
export const PREFIX = 'quarterhour';

export interface QueueUrl {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  /** The URL without its password, for messages. */
  shown: string;
}

export function parseQueueUrl(raw: string, option = '--queue'): QueueUrl {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new InputError('command line', `${option} is '${raw}', expected redis://host:port[/db]`);
  }
  if (u.protocol !== 'redis:') throw new InputError('command line', `${option} is '${raw}', expected a redis:// URL (redis://host:port[/db])`);
  if (!u.hostname) throw new InputError('command line', `${option} is '${raw}', expected a host: redis://host:port[/db]`);
  const port = u.port === '' ? 6379 : Number(u.port);
  const dbText = u.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0 || db > 15 || !/^\d*$/.test(dbText)) throw new InputError('command line', `${option} is '${raw}', expected a database number 0-15 after the port`);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return {
    host,
    port,
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    shown: `redis://${host.includes(':') ? `[${host}]` : host}:${port}/${db}`,
  };
}

/** Options for BullMQ and ioredis: reconnect for ever (a restarted Redis is waited for), never give up on a command. */
export function redisOptions(u: QueueUrl): { host: string; port: number; db: number; username?: string; password?: string; maxRetriesPerRequest: null; retryStrategy: (times: number) => number } {
  return {
    host: u.host,
    port: u.port,
    db: u.db,
    ...(u.username ? { username: u.username } : {}),
    ...(u.password ? { password: u.password } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
}
