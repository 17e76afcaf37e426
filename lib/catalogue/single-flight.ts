// PURE: concurrent callers asking for the same key share one computation. After a catalogue write
// every cached answer is stale at once, and the burst of requests that follows (16 connections
// asking the same popular query) would otherwise compute the same answer 16 times side by side,
// each slower for the others. The key must name everything the answer depends on, including the
// catalogue generation its callers read (a caller that read generation G may share the answer of
// another that read G: both reflect at least G).

export class SingleFlight<T> {
  private readonly inflight = new Map<string, Promise<T>>();
  /** How many calls shared a computation already running (for tests and benchmarks). */
  shared = 0;

  run(key: string, compute: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(key);
    if (running) {
      this.shared++;
      return running;
    }
    const p = compute().finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }
}
