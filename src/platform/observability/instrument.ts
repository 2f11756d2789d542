/**
 * Wraps an object so every call of the named async methods is timed and reported, without the object
 * knowing. Used for the key store, whose two backends (Vault, embedded keyring) share one interface.
 */
export function instrumentMethods<T extends object>(
  target: T,
  methods: ReadonlyArray<keyof T & string>,
  observe: (method: string, seconds: number, error?: unknown) => void,
): T {
  const wrapped = new Set<string>(methods);
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      // Bound to the real object: methods reading ECMAScript-private fields fail when `this` is the proxy.
      if (typeof property !== 'string' || !wrapped.has(property)) return (value as (...a: unknown[]) => unknown).bind(object);
      return async (...args: unknown[]) => {
        const startedAt = process.hrtime.bigint();
        const seconds = () => Number(process.hrtime.bigint() - startedAt) / 1e9;
        try {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
          observe(property, seconds());
          return result;
        } catch (error) {
          observe(property, seconds(), error);
          throw error;
        }
      };
    },
  });
}
