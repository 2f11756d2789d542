import { Client } from 'pg';
import { PostgresEventTarget } from '../../src/platform/events';
import { captureLogs } from '../support/captured-logs';
import { createDeferred } from '../support/deferred';
import { onDispose } from '../support/leftovers';
import { createTestDatabase } from '../support/test-database';

let databaseUrl: string;
/** A channel of the test's own: instances of earlier tests still listen on theirs. */
let channel = '';
let tests = 0;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
});

beforeEach(() => {
  tests += 1;
  channel = `wc_test_events_${tests}`;
});

/** One instance's event target, with every event its listener hears, in order. */
async function instance(logs = captureLogs('warn')) {
  const target = new PostgresEventTarget(databaseUrl, channel, logs.logger);
  onDispose(() => target.close());
  await target.ready();
  const heard: unknown[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  target.addEventListener('topic:1', (event) => {
    heard.push((event as CustomEvent).detail);
    for (const waiter of waiters.filter((w) => heard.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  /** Resolves once `count` events have been heard in all. */
  const hears = (count: number) => {
    const heardAll = createDeferred();
    if (heard.length >= count) heardAll.resolve();
    else waiters.push({ count, resolve: heardAll.resolve });
    return heardAll.promise;
  };
  const publish = (detail: unknown) => target.dispatchEvent(new CustomEvent('topic:1', { detail }));
  return { target, heard, hears, publish, logs };
}

test('an event reaches this instance and every other once each, bursts in order across several NOTIFYs', async () => {
  const a = await instance();
  const b = await instance();
  // 300 events of ~600 bytes: about 25 NOTIFYs at PostgreSQL's 8,000-byte limit.
  const burst = Array.from({ length: 300 }, (_, i) => ({ n: i, text: 'x'.repeat(600) }));
  for (const detail of burst) a.publish(detail);
  await Promise.all([a.hears(300), b.hears(300)]);
  expect(a.heard).toEqual(burst);
  expect(b.heard).toEqual(burst);

  // PostgreSQL hands notifications to a listener in commit order: by the time `a` hears `b`'s fence, it
  // has been handed all of its own NOTIFYs, and must have let them pass.
  b.publish({ fence: true });
  await a.hears(301);
  expect(a.heard).toHaveLength(301);
  expect(a.heard[300]).toEqual({ fence: true });
  expect(b.heard).toHaveLength(301);
});

test('listeners hear a turn\'s events after it, never inside publish, even when the turn fills several NOTIFYs', async () => {
  const a = await instance();
  for (let i = 0; i < 40; i++) a.publish({ n: i, text: 'x'.repeat(600) });
  expect(a.heard).toHaveLength(0);
  await a.hears(40);
  expect(a.heard.map((detail) => (detail as { n: number }).n)).toEqual([...Array(40).keys()]);
});

test('this instance hears an event as other instances do: its detail after JSON, not the object published', async () => {
  const a = await instance();
  const at = new Date('2026-12-06T10:00:00.000Z');
  a.publish({ at, skipped: undefined });
  await a.hears(1);
  expect(a.heard[0]).toEqual({ at: at.toISOString() });
});

test('events from an older release (no origin mark) are heard; an unreadable notification is logged and skipped', async () => {
  const logs = captureLogs('warn');
  const a = await instance(logs);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  onDispose(() => client.end());
  await client.query('select pg_notify($1, $2)', [channel, 'not json']);
  const warned = logs.next(/could not be read/);
  await client.query('select pg_notify($1, $2)', [channel, JSON.stringify([{ type: 'topic:1', detail: { from: 'older release' } }])]);
  await a.hears(1);
  await warned;
  expect(a.heard).toEqual([{ from: 'older release' }]);
});

test('an event too large for a NOTIFY is refused and logged, and reaches nobody', async () => {
  const logs = captureLogs('warn');
  const a = await instance(logs);
  expect(a.publish({ text: 'x'.repeat(8_000) })).toBe(false);
  expect(logs.matching(/too large/)).toHaveLength(1);
  a.publish({ after: true });
  await a.hears(1);
  expect(a.heard).toEqual([{ after: true }]);
});
