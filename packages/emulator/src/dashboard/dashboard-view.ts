/**
 * What the dashboard shows, gathered from the state in one place: the control API's state view
 * (`stateJson`, no secrets), the callback deliveries, and the session event feeds merged in
 * time order. The pages render it; the live feed compares its fingerprint to know when to
 * tell the browser to refresh.
 * @module
 */
import type { Delivery } from '../callback-dispatcher.js';
import { type EmulatorStateView, stateJson } from '../clients.js';
import type { EmulatorState } from '../state.js';
import type { SessionFeedEvent } from '../stores/session-event-feed.js';

/** Most events a page lists. */
export const FEED_LIMIT = 200;

/** The kinds the event feed can be filtered by, and the events of each. */
export const FEED_KINDS: Readonly<Record<string, (event: string) => boolean>> = {
  connections: (event) => event.startsWith('connection'),
  streams: (event) => event.startsWith('stream'),
  signals: (event) => event === 'signal',
  mutes: (event) => /mute/i.test(event),
  dtmf: (event) => /dtmf/i.test(event),
  captions: (event) => /caption/i.test(event),
  connectors: (event) => /^(sip|render|audioConnector)/.test(event),
};

/** Everything a dashboard page shows. */
export interface DashboardView {
  now: number;
  origin: string;
  state: EmulatorStateView;
  deliveries: Delivery[];
}

/** The view of the whole emulator now. */
export function dashboardView(state: EmulatorState): DashboardView {
  return {
    now: state.now(),
    origin: state.origin,
    state: stateJson(state),
    deliveries: state.callbacks.dispatcher.all(),
  };
}

/**
 * The events of one session (or of all of them), newest first, at most {@link FEED_LIMIT},
 * of one kind when `kind` names one of {@link FEED_KINDS}.
 */
export function feedEvents(state: EmulatorState, sessionId?: string, kind?: string): SessionFeedEvent[] {
  const feed = state.sessions.feed;
  const ids = sessionId === undefined ? state.sessions.all().map((session) => session.id) : [sessionId];
  const test = kind === undefined ? undefined : FEED_KINDS[kind];
  return ids
    .flatMap((id) => feed.after(id, Math.max(0, feed.lastSeq(id) - FEED_LIMIT)))
    .filter((event) => test === undefined || test(event.event))
    .sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq)
    .slice(0, FEED_LIMIT);
}

/** Requests answered per emulator, but for the dashboard's own reads. */
const revisions = new WeakMap<EmulatorState, number>();

/**
 * Counts a request the emulator answered. A change undone within one look of the live feed
 * (a fault planted, then used up) leaves the state as it was, but not the count: the page,
 * which may have shown the change, refreshes.
 */
export function countRequest(state: EmulatorState): void {
  revisions.set(state, (revisions.get(state) ?? 0) + 1);
}

/**
 * A string that changes whenever anything a page shows changes: the state view, the
 * deliveries' outcomes, the feeds' lengths and the requests answered (not the clock).
 */
export function fingerprint(state: EmulatorState): string {
  const { state: view, deliveries } = dashboardView(state);
  const feeds = state.sessions.all().map((session) => state.sessions.feed.lastSeq(session.id));
  const outcomes = deliveries.map(({ id, status, attempts }) => [id, status, attempts]);
  return JSON.stringify([revisions.get(state) ?? 0, view, outcomes, feeds]);
}
