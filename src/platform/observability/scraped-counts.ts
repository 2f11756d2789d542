import type { MikroORM } from '@mikro-orm/postgresql';
import type { ScrapedCounts } from './metrics';

/**
 * The scrape-time gauges: two aggregate queries, each shared by the gauges of one scrape (the credential
 * counts feed both `wc_credentials` and `wc_circuit_breakers`).
 */
export function scrapedCounts(orm: MikroORM, schema: string): ScrapedCounts {
  const once = <T>(query: () => Promise<T>) => {
    let pending: { at: number; result: Promise<T> } | undefined;
    return () => {
      if (!pending || Date.now() - pending.at > 1000) pending = { at: Date.now(), result: query() };
      return pending.result;
    };
  };
  const connection = () => orm.em.getConnection();
  return {
    credentials: once(async () =>
      (
        await connection().execute<Array<{ status: string; circuit_state: string; count: number }>>(
          `select status, circuit_state, count(*)::int as count from "${schema}"."whatsapp_credentials" group by 1, 2`,
        )
      ).map((row) => ({ status: row.status, circuitState: row.circuit_state, count: row.count })),
    ),
    queuedJobs: once(async () =>
      (
        await connection().execute<Array<{ queue: string; count: number }>>(
          `select name as queue, count(*)::int as count from "${schema}_jobs"."job" where state in ('created', 'retry') group by 1`,
        )
      ),
    ),
  };
}
