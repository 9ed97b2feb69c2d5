/**
 * Timers the connector stores keep (maximum durations), all cleared when the emulator closes.
 * A leaf: it imports nothing of the emulator.
 * @module
 */
/** Timers that do not hold the process open, all cleared at once. */
export class TimerSet {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Runs `action` after `milliseconds` unless cleared; returns the handle. */
  after(milliseconds: number, action: () => void): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        action();
      },
      Math.min(milliseconds, 2_147_483_647),
    );
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  /** Clears one timer. */
  clear(timer: NodeJS.Timeout | undefined): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** Clears every timer. */
  clearAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
