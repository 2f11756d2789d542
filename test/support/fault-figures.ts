import { appendFileSync } from 'node:fs';

/**
 * What a fault test measured, in the terms of the "Fault runs" table in docs/testing.md. For webhooks:
 * deliveries offered, answered 200 on first offer, messages stored and processed, messages stored more than
 * once, and accepted messages never stored. For sends: sends attempted, answered SENT, messages Meta received,
 * received more than once, and answered SENT but never received.
 */
export interface FaultFigures {
  fault: string;
  offered: number;
  accepted: number;
  delivered: number;
  duplicated: number;
  lost: number;
  /** Anything else worth a column in the report (refused while down, re-offered, backlog at the kill…). */
  notes?: Record<string, number | string>;
}

/**
 * Prints one line per fault run, and appends it as JSON to FAULT_REPORT_FILE when set, so the figures in
 * docs/testing.md come from runs rather than from memory:
 * `FAULT_REPORT_FILE=faults.jsonl npx jest test/resilience test/webhooks/durability.test.ts`.
 */
export function reportFaultRun(figures: FaultFigures): void {
  const line = JSON.stringify(figures);
  console.log(`fault run: ${line}`);
  // eslint-disable-next-line n/no-process-env -- a test-run option, not a plugin setting
  const file = process.env.FAULT_REPORT_FILE;
  if (file) appendFileSync(file, `${line}\n`);
}

/** How many keys occur more than once: the duplicates a fault must never produce. */
export function duplicatesIn(keys: readonly string[]): number {
  const seen = new Map<string, number>();
  for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).length;
}
