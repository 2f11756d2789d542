/**
 * Everything a test starts registers its disposer here; an afterAll drains the list, so a forgotten
 * cleanup cannot leak a server or a connection into the next test file.
 */
const leftovers: Array<() => Promise<unknown> | unknown> = [];

export function onDispose(dispose: () => Promise<unknown> | unknown): void {
  leftovers.push(dispose);
}

export async function disposeAll(): Promise<void> {
  while (leftovers.length > 0) {
    const dispose = leftovers.pop()!;
    await dispose();
  }
}

// Outside jest (the fault suite, `npm run faults`, reuses these helpers) the runner calls disposeAll itself.
if (typeof afterAll === 'function') afterAll(disposeAll);
