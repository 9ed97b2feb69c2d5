/**
 * The queued faults of the control API, first queued first.
 * @module
 */
import type { FaultRecord } from '../model.js';

/** The faults of one emulator. */
export class FaultStore {
  private faults: FaultRecord[] = [];

  /** Every queued fault, first queued first. */
  all(): readonly FaultRecord[] {
    return this.faults;
  }

  /** Queues a fault (already validated by `parseFault`). */
  add(fault: FaultRecord): void {
    this.faults.push(fault);
  }

  /** Drops every fault. */
  clear(): void {
    this.faults = [];
  }

  /** Takes one use of the first fault matching the request, if any; a used-up fault leaves the queue. */
  take(method: string, path: string): FaultRecord | undefined {
    const fault = this.faults.find(
      (candidate) => (candidate.method === '*' || candidate.method === method) && candidate.pattern.test(path),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return fault;
  }
}
