import type { FailureSpec } from './graph-errors';

export interface FailureMatch {
  method?: string;
  /** Fails only requests whose path contains this text, e.g. `/messages`. */
  pathIncludes?: string;
}

interface PendingFailure {
  remaining: number;
  spec: FailureSpec;
  match?: FailureMatch;
}

/** The simulator's fault switches: down, latency, and queued failures (consumed first-in, first-out). */
export class SandboxFaults {
  down = false;
  latencyMs = 0;
  private readonly failures: PendingFailure[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly downListeners = new Set<() => void>();

  setDown(down: boolean): void {
    this.down = down;
    if (down) for (const listener of this.downListeners) listener();
  }

  onDown(listener: () => void): void {
    this.downListeners.add(listener);
  }

  failNext(count: number, spec: FailureSpec, match?: FailureMatch): void {
    if (count > 0) this.failures.push({ remaining: count, spec, match });
  }

  takeFailure(method: string, path: string): FailureSpec | undefined {
    const index = this.failures.findIndex(
      ({ match }) =>
        (match?.method === undefined || match.method.toUpperCase() === method) &&
        (match?.pathIncludes === undefined || path.includes(match.pathIncludes)),
    );
    if (index < 0) return undefined;
    const failure = this.failures[index]!;
    if (--failure.remaining === 0) this.failures.splice(index, 1);
    return failure.spec;
  }

  /** Holds a response for the configured latency; timers are tracked so `clear` can drop them on close. */
  delay(): Promise<void> | undefined {
    if (this.latencyMs <= 0) return undefined;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, this.latencyMs);
      this.timers.add(timer);
    });
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.failures.length = 0;
  }
}
