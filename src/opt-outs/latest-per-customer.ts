/**
 * A batch's rows about customers of numbers, reduced to each customer's latest (applying them one by one
 * would leave that one), in a fixed order so concurrent batches lock suppression rows alike.
 */
export function latestPerCustomer<T extends { credentialId: string; customerWaId: string; timestamp: Date }>(rows: T[]): T[] {
  const latest = new Map<string, T>();
  for (const row of rows) {
    const key = `${row.credentialId} ${row.customerWaId}`;
    const seen = latest.get(key);
    if (!seen || row.timestamp >= seen.timestamp) latest.set(key, row);
  }
  return [...latest.values()].sort((a, b) => (a.credentialId + a.customerWaId < b.credentialId + b.customerWaId ? -1 : 1));
}
