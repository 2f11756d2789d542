import type { MikroORM } from '@mikro-orm/postgresql';
import { AuditEntry } from './audit-entry.entity';

/**
 * Deletes audit entries older than `retentionDays`, `batchRows` at a time (each batch its own short
 * statement, so a large backlog never holds one long transaction or lock). Returns how many were deleted.
 */
export async function sweepAuditLog(
  orm: MikroORM,
  options: { retentionDays: number; batchRows?: number; maxBatches?: number; now?: Date },
): Promise<number> {
  if (options.retentionDays <= 0) return 0;
  const batchRows = options.batchRows ?? 1_000;
  const maxBatches = options.maxBatches ?? 1_000;
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionDays * 86_400_000);
  const table = orm.getMetadata().get(AuditEntry).tableName;
  const schema = orm.config.get('schema');
  const qualified = schema ? `"${schema}"."${table}"` : `"${table}"`;
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const result = await orm.em.getConnection().execute(
      `delete from ${qualified} where id in (select id from ${qualified} where occurred_at < ? order by id limit ?)`,
      [cutoff, batchRows],
      'run',
    );
    const count = Number((result as { affectedRows?: number }).affectedRows ?? 0);
    deleted += count;
    if (count < batchRows) break;
  }
  return deleted;
}
