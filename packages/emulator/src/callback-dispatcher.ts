/**
 * Delivers callbacks as a webhook sender does: a POST of JSON per event and URL, one lane
 * per session so that a session's events arrive in order, a timeout per attempt, retries with
 * backoff after network errors, timeouts and 5xx answers, and a bounded queue (an event that
 * finds it full is dropped and logged as such). Every delivery and its outcome stays listed
 * for `GET /_emulator/callbacks`. Nothing here is awaited by an API answer.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { BODY_PREFIX_BYTES, readBodyPrefix } from './body-prefix.js';

/** How deliveries are attempted. */
export interface DeliveryOptions {
  /** Milliseconds an attempt may take (answer headers and body). @default 5000 */
  timeoutMs: number;
  /** Attempts per delivery, the first included. @default 5 */
  attempts: number;
  /** Wait before the first retry; each later one waits twice as long. @default 250 */
  baseDelayMs: number;
  /** Longest wait between two attempts. @default 4000 */
  maxDelayMs: number;
  /** Deliveries waiting or under way, at most; beyond that new events are dropped. @default 1000 */
  queueLimit: number;
  /** Finished deliveries kept for the log, at most (oldest go first). @default 1000 */
  logLimit: number;
}

/** The default delivery schedule: a receiver that fails twice has its event within a second. */
export const DEFAULT_DELIVERY: DeliveryOptions = {
  timeoutMs: 5000,
  attempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  queueLimit: 1000,
  logLimit: 1000,
};

/** Where a delivery is. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dropped';

/** One event sent (or to be sent) to one URL. */
export interface Delivery {
  id: string;
  url: string;
  /** The callback's `event` (`archive`, `connectionCreated`…). */
  event: string;
  /** The session the event belongs to, when it has one. */
  sessionId: string | undefined;
  apiKey: string;
  status: DeliveryStatus;
  /** Attempts made so far. */
  attempts: number;
  /** The HTTP status of the last answer, when there was one. */
  responseStatus: number | undefined;
  /**
   * The start of the last answer's body (at most 4 KiB, as UTF-8),
   * when there was one: the rest is never read.
   */
  responseBody: string | undefined;
  /** Why the last attempt failed, when it did (`timeout`, `ECONNREFUSED`, `HTTP 503`…). */
  error: string | undefined;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** When it was delivered, failed for good or dropped. */
  finishedAt: number | undefined;
  /** The JSON body sent. */
  payload: Record<string, unknown>;
}

/** The JSON view of a delivery. */
export function deliveryJson(delivery: Delivery): Record<string, unknown> {
  return { ...delivery };
}

/** Sends events to their URLs. */
export class CallbackDispatcher {
  private readonly log: Delivery[] = [];
  private readonly lanes = new Map<string, Delivery[]>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<AbortController>();
  private queued = 0;
  private closed = false;

  constructor(
    readonly options: DeliveryOptions,
    private readonly now: () => number = Date.now,
    private readonly fetchFunction: typeof fetch = (...args) => fetch(...args),
  ) {}

  /** Queues an event for a URL; returns the delivery (status `dropped` when the queue is full). */
  send(url: string, apiKey: string, sessionId: string | undefined, payload: Record<string, unknown>): Delivery {
    const delivery: Delivery = {
      id: randomUUID(),
      url,
      event: String(payload.event),
      sessionId,
      apiKey,
      status: 'pending',
      attempts: 0,
      responseStatus: undefined,
      responseBody: undefined,
      error: undefined,
      createdAt: this.now(),
      finishedAt: undefined,
      payload,
    };
    this.remember(delivery);
    if (this.closed || this.queued >= this.options.queueLimit) {
      delivery.status = 'dropped';
      delivery.error = this.closed ? 'emulator closed' : 'queue full';
      delivery.finishedAt = this.now();
      return delivery;
    }
    this.queued++;
    // One lane per session and URL: order holds per session, a slow URL does not hold up another.
    const key = `${sessionId ?? apiKey} ${url}`;
    const lane = this.lanes.get(key);
    if (lane) lane.push(delivery);
    else {
      this.lanes.set(key, [delivery]);
      void this.drain(key);
    }
    return delivery;
  }

  /** Every delivery, oldest first. */
  all(): Delivery[] {
    return [...this.log];
  }

  /** Forgets finished deliveries. */
  clear(): void {
    for (let index = this.log.length - 1; index >= 0; index--) {
      if (this.log[index]?.status !== 'pending') this.log.splice(index, 1);
    }
  }

  /** Deliveries waiting or under way. */
  get pending(): number {
    return this.queued;
  }

  /** Stops: pending deliveries are dropped, attempts under way are aborted. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
    for (const lane of this.lanes.values()) {
      for (const delivery of lane) this.finish(delivery, 'dropped', 'emulator closed');
    }
    this.lanes.clear();
    this.queued = 0;
  }

  private remember(delivery: Delivery): void {
    this.log.push(delivery);
    if (this.log.length > this.options.logLimit) {
      const index = this.log.findIndex((entry) => entry.status !== 'pending');
      if (index >= 0) this.log.splice(index, 1);
    }
  }

  private finish(delivery: Delivery, status: DeliveryStatus, error: string | undefined): void {
    if (delivery.status !== 'pending') return;
    delivery.status = status;
    delivery.error = error;
    delivery.finishedAt = this.now();
  }

  private async drain(key: string): Promise<void> {
    const lane = this.lanes.get(key);
    while (lane && lane.length > 0 && !this.closed) {
      const delivery = lane[0] as Delivery;
      await this.deliver(delivery);
      lane.shift();
      if (!this.closed) this.queued--;
    }
    if (this.lanes.get(key) === lane && lane?.length === 0) this.lanes.delete(key);
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    while (!this.closed) {
      delivery.attempts++;
      const outcome = await this.attempt(delivery, body);
      if (outcome === 'delivered') return this.finish(delivery, 'delivered', undefined);
      delivery.error = outcome.error;
      if (!outcome.retry || delivery.attempts >= this.options.attempts) {
        return this.finish(delivery, 'failed', outcome.error);
      }
      const wait = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (delivery.attempts - 1));
      await this.sleep(wait);
    }
  }

  private async attempt(delivery: Delivery, body: string): Promise<'delivered' | { retry: boolean; error: string }> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await this.fetchFunction(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'opentok-emulator' },
        body,
        signal: controller.signal,
        redirect: 'manual',
      });
      delivery.responseStatus = response.status;
      // Only the start of the body is read (within the timeout), for the log; the rest is
      // cancelled, so a receiver streaming an endless answer costs a few KB, not its whole body.
      delivery.responseBody = await readBodyPrefix(response.body, BODY_PREFIX_BYTES);
      if (response.status >= 200 && response.status < 300) return 'delivered';
      return { retry: response.status >= 500 || response.status === 429, error: `HTTP ${response.status}` };
    } catch (error) {
      if (controller.signal.aborted) return { retry: !this.closed, error: this.closed ? 'emulator closed' : 'timeout' };
      return { retry: true, error: networkCode(error) };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  private sleep(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, milliseconds);
      timer.unref?.();
      this.timers.add(timer);
      // close() clears the timer; the lane then sees `closed` and stops.
      if (this.closed) resolve();
    });
  }
}

/** A short name of a network failure (`ECONNREFUSED`, `ECONNRESET`…), never a URL or a body. */
function networkCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]{3,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return 'network error';
}
