/**
 * A subscription registers asynchronously after its socket is acknowledged (through a gateway, only once
 * the gateway has opened its own upstream), and nothing announces that it has. Repeats `publish` every
 * `everyMs`, at most `times` times, until `delivered` settles, and returns what it settled with.
 */
export async function publishUntilDelivered<T>(delivered: Promise<T>, publish: () => unknown, { everyMs = 50, times = 100 } = {}): Promise<T> {
  let attempts = 0;
  const timer = setInterval(() => {
    if (++attempts > times) clearInterval(timer);
    else publish();
  }, everyMs);
  try {
    return await delivered;
  } finally {
    clearInterval(timer);
  }
}
