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

/** A request held before it is served, until the test lets it go. */
export interface HeldRequest {
  /** Resolves when a matching request has arrived and is being held. */
  arrived: Promise<void>;
  /** Serves it (as it would have been served, from the state at that moment). */
  release(): void;
}

interface PendingHold {
  match: FailureMatch;
  arrive: () => void;
  released: Promise<void>;
}

/** The simulator's fault switches: down, latency, held requests, and queued failures (first-in, first-out). */
export class SandboxFaults {
  down = false;
  latencyMs = 0;
  private readonly failures: PendingFailure[] = [];
  private readonly holds: PendingHold[] = [];
  private readonly releases = new Set<() => void>();
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

  /** Holds the next request matching `match` before serving it, so a test can act while it is in flight. */
  holdNext(match: FailureMatch): HeldRequest {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.releases.add(release);
    this.holds.push({ match, arrive, released });
    return { arrived, release };
  }

  /** Waits while the request is held (if a hold matches it). */
  async hold(method: string, path: string): Promise<void> {
    const index = this.holds.findIndex(({ match }) => matches(match, method, path));
    if (index < 0) return;
    const [held] = this.holds.splice(index, 1);
    held!.arrive();
    await held!.released;
  }

  takeFailure(method: string, path: string): FailureSpec | undefined {
    const index = this.failures.findIndex(({ match }) => matches(match, method, path));
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
    this.holds.length = 0;
    for (const release of this.releases) release();
    this.releases.clear();
  }
}

function matches(match: FailureMatch | undefined, method: string, path: string): boolean {
  return (match?.method === undefined || match.method.toUpperCase() === method) && (match?.pathIncludes === undefined || path.includes(match.pathIncludes));
}
