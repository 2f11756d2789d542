import { createDeferred } from '../../test/support/deferred';
import { EndpointCache, type EndpointSnapshot } from './endpoint-cache';

const snapshot = (secret: EndpointSnapshot['secret']): EndpointSnapshot => ({
  endpointId: 'e',
  credentialId: 'c',
  credentialVersion: 1,
  secret,
  loadedAt: Date.now(),
});

describe('EndpointCache', () => {
  it('shares one load between concurrent misses, then serves from memory', async () => {
    const gate = createDeferred<EndpointSnapshot>();
    let loads = 0;
    const cache = new EndpointCache({ ttlMs: 60_000, maxEntries: 10, load: () => (loads++, gate.promise) });
    const pending = [cache.get('k'), cache.get('k'), cache.get('k')];
    gate.resolve(snapshot({ kind: 'known', appSecret: 's' }));
    expect(new Set(await Promise.all(pending)).size).toBe(1);
    await cache.get('k');
    expect(loads).toBe(1);
    await cache.reload('k');
    expect(loads).toBe(2);
  });

  it('does not remember unknown endpoints, and caches nothing with a zero TTL', async () => {
    let loads = 0;
    const unknown = new EndpointCache({ ttlMs: 60_000, maxEntries: 10, load: async () => (loads++, null) });
    await unknown.get('k');
    await unknown.get('k');
    expect(loads).toBe(2);
    const disabled = new EndpointCache({ ttlMs: 0, maxEntries: 10, load: async () => (loads++, snapshot({ kind: 'known', appSecret: 's' })) });
    await disabled.get('k');
    await disabled.get('k');
    expect(loads).toBe(4);
  });
});
