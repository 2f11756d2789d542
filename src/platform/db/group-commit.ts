/** What one item of a batch came to. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions<T, R> {
  /**
   * Runs one batch (one statement, as a rule) and returns one outcome per item, in the items' order.
   * Throwing fails the whole batch (see `isolate`).
   */
  run: (items: T[]) => Promise<Array<Outcome<R>>>;
  /** Items per batch at most. */
  maxBatch?: number;
  /** Batches running at once; items arriving meanwhile wait and go out together in the next one. */
  maxInFlight?: number;
  /**
   * Whether a failed batch of several items is run again item by item, so that only the items that
   * really fail are failed. Only for errors that say the batch left nothing behind (an error PostgreSQL
   * answered with rolls the statement back; a lost connection may not have), since it runs again.
   */
  isolate?: (error: unknown) => boolean;
}

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: concurrent callers each submit one item and await its own outcome, while the items
 * submitted in one event-loop turn (and those that arrive while earlier batches run) travel together,
 * one round trip and one WAL flush for many. An idle system adds no wait beyond the current turn.
 */
export class GroupCommit<T, R> {
  private queue: Array<Waiting<T, R>> = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  constructor(private readonly options: GroupCommitOptions<T, R>) {
    this.maxBatch = options.maxBatch ?? 256;
    this.maxInFlight = options.maxInFlight ?? 2;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After this turn's I/O callbacks: everything they submit joins the same batch.
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.length <= this.maxBatch ? this.queue : this.queue.slice(0, this.maxBatch);
      this.queue = this.queue.length <= this.maxBatch ? [] : this.queue.slice(this.maxBatch);
      this.inFlight += 1;
      void this.runBatch(batch).finally(() => {
        this.inFlight -= 1;
        this.flush();
      });
    }
  }

  private async runBatch(batch: Array<Waiting<T, R>>): Promise<void> {
    let outcomes: Array<Outcome<R>>;
    try {
      outcomes = await this.options.run(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length > 1 && this.options.isolate?.(error)) {
        await Promise.all(batch.map((waiting) => this.runBatch([waiting])));
        return;
      }
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if (!outcome) waiting.reject(new Error('group commit: the batch returned no outcome for this item'));
      else if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
