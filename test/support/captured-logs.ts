import { createLogger, type Logger } from '../../src/platform/observability/logger';

export interface CapturedLogs {
  logger: Logger;
  /** Every JSON line written so far. */
  lines: string[];
  /** Everything written so far, for "never contains" checks. */
  text(): string;
  /** The parsed records whose `msg` matches. */
  matching(msg: RegExp): Array<Record<string, unknown>>;
  /**
   * Resolves with the first record whose `msg` matches (and that `where` accepts): already written, or
   * the next one written.
   */
  next(msg: RegExp, where?: (record: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/** A real pino logger writing into memory, so tests can read what the code logged. */
export function captureLogs(level = 'debug'): CapturedLogs {
  const lines: string[] = [];
  type Accept = (record: Record<string, unknown>) => boolean;
  const waiters: Array<{ accept: Accept; resolve: (record: Record<string, unknown>) => void }> = [];
  const write = (line: string) => {
    lines.push(line);
    const record = JSON.parse(line) as Record<string, unknown>;
    for (const waiter of [...waiters]) {
      if (!waiter.accept(record)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(record);
    }
  };
  const logger = createLogger(level, { write });
  const matching = (msg: RegExp) =>
    lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((record) => msg.test(String(record.msg)));
  return {
    logger,
    lines,
    text: () => lines.join(''),
    matching,
    next: (msg, where = () => true) => {
      const accept: Accept = (record) => msg.test(String(record.msg)) && where(record);
      const seen = matching(msg).find(accept);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ accept, resolve }));
    },
  };
}
