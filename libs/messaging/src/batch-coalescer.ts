/**
 * Group commit: items submitted while a call is running, or in the same turn of the event
 * loop, go together into the next call. The partition batches that kafkajs hands over
 * concurrently then cost one database transaction instead of one each. Each submitter learns
 * the outcome of the call its item was in.
 */
export class BatchCoalescer<T> {
  private pending: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private running = false;
  private scheduled = false;

  constructor(private readonly run: (items: T[]) => Promise<void>) {}

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    // setImmediate: the batches kafkajs dispatches together are all submitted by then.
    setImmediate(() => {
      this.scheduled = false;
      void this.runPending();
    });
  }

  private async runPending(): Promise<void> {
    if (this.running || this.pending.length === 0) return;
    const taken = this.pending;
    this.pending = [];
    this.running = true;
    try {
      await this.run(taken.map((p) => p.item));
      for (const p of taken) p.resolve();
    } catch (error) {
      for (const p of taken) p.reject(error);
    } finally {
      this.running = false;
      if (this.pending.length > 0) this.schedule();
    }
  }
}
