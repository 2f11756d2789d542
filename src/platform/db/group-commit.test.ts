import { GroupCommit, type Outcome } from './group-commit';
import { isStatementError } from './pg-errors';

/** A controllable `run`: records each batch and answers it when told. */
function recorder<T, R>(answer: (items: T[]) => Array<Outcome<R>> | Error) {
  const batches: T[][] = [];
  const gates: Array<() => void> = [];
  let held = false;
  const run = (items: T[]) => {
    batches.push(items);
    const settle = () => {
      const result = answer(items);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    };
    if (!held) return settle();
    return new Promise<Array<Outcome<R>>>((resolve, reject) => gates.push(() => settle().then(resolve, reject)));
  };
  return {
    run,
    batches,
    hold: () => (held = true),
    release: () => {
      held = false;
      gates.splice(0).forEach((open) => open());
    },
  };
}

const doubled = (items: number[]): Array<Outcome<number>> => items.map((n) => ({ ok: true, value: n * 2 }));
const sqlError = (message: string) => Object.assign(new Error(message), { severity: 'ERROR', code: '23502' });

test('what is submitted in one turn goes out as one batch, and each caller gets its own outcome', async () => {
  const r = recorder(doubled);
  const group = new GroupCommit({ run: r.run });
  const results = await Promise.all([1, 2, 3, 4].map((n) => group.submit(n)));
  expect(results).toEqual([2, 4, 6, 8]);
  expect(r.batches).toEqual([[1, 2, 3, 4]]);
});

test('a per-item failure fails that caller only', async () => {
  const group = new GroupCommit<number, number>({
    run: async (items) => items.map((n) => (n === 2 ? { ok: false, error: new Error('two') } : { ok: true, value: n })),
  });
  const settled = await Promise.allSettled([1, 2, 3].map((n) => group.submit(n)));
  expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
});

test('a batch the database refuses as a whole is run again item by item, so only the bad item fails', async () => {
  const r = recorder<number, number>((items) => (items.includes(13) ? sqlError('null value in column "content"') : doubled(items)));
  const group = new GroupCommit({ run: r.run, isolate: isStatementError });
  const settled = await Promise.allSettled([1, 13, 3].map((n) => group.submit(n)));
  expect(settled).toEqual([
    { status: 'fulfilled', value: 2 },
    { status: 'rejected', reason: expect.objectContaining({ message: 'null value in column "content"' }) },
    { status: 'fulfilled', value: 6 },
  ]);
  expect(r.batches).toEqual([[1, 13, 3], [1], [13], [3]]);
});

test('an error that may have left something behind (a lost connection) fails the whole batch, without a second run', async () => {
  const r = recorder<number, number>(() => Object.assign(new Error('Connection terminated unexpectedly')));
  const group = new GroupCommit({ run: r.run, isolate: isStatementError });
  const settled = await Promise.allSettled([1, 2].map((n) => group.submit(n)));
  expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
  expect(r.batches).toEqual([[1, 2]]);
});

test('while the allowed batches run, later items wait and then go out together, up to maxBatch each', async () => {
  const r = recorder(doubled);
  const group = new GroupCommit({ run: r.run, maxInFlight: 1, maxBatch: 3 });
  r.hold();
  const first = group.submit(1);
  await new Promise((resolve) => setImmediate(resolve));
  expect(r.batches).toEqual([[1]]);
  const later = [2, 3, 4, 5].map((n) => group.submit(n));
  await new Promise((resolve) => setImmediate(resolve));
  expect(r.batches).toEqual([[1]]);
  r.release();
  expect(await Promise.all([first, ...later])).toEqual([2, 4, 6, 8, 10]);
  expect(r.batches).toEqual([[1], [2, 3, 4], [5]]);
});

test('a batch that answers for fewer items than it was given fails the unanswered callers', async () => {
  const group = new GroupCommit<number, number>({ run: async () => [{ ok: true, value: 1 }] });
  const settled = await Promise.allSettled([1, 2].map((n) => group.submit(n)));
  expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected']);
});
