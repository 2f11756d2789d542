/**
 * Everything a test starts registers its disposer here; an afterAll drains the list, so a forgotten
 * cleanup cannot leak a server or a connection into the next test file.
 */
const leftovers: Array<() => Promise<unknown> | unknown> = [];

// Stopping a whole plugin (drain, workers, pools) takes seconds on a loaded machine, and a file that
// starts one per test stops them all here: test/messaging/send-message.test.ts needed more than 120 s at
// a load average of 27. A hook cut short leaves the rest open, and Jest then never exits.
const DISPOSE_TIMEOUT_MS = 300_000;

export function onDispose(dispose: () => Promise<unknown> | unknown): void {
  leftovers.push(dispose);
}

/**
 * Jest exits on its own only once every handle is closed (it runs without forceExit), so a failing
 * disposer must not stop the ones after it: each runs, and the first error is reported once all have.
 */
export async function disposeAll(): Promise<void> {
  const errors: unknown[] = [];
  while (leftovers.length > 0) {
    const dispose = leftovers.pop()!;
    try {
      await dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}

// Outside jest (the fault suite, `npm run faults`, reuses these helpers) the runner calls disposeAll itself.
if (typeof afterAll === 'function') afterAll(disposeAll, DISPOSE_TIMEOUT_MS);
