/**
 * Where the emulator's callbacks come from: it follows the session event feed (connections and
 * streams coming and going, with their reasons) and watches the state of every resource
 * (archive and broadcast statuses, HLS and RTMP statuses, and the stores of SIP calls,
 * renders and captions when present), then hands each event, as the service's payload, to
 * the dispatcher for every URL that wants it. Resources are watched by comparing what they
 * show now with what they showed last time: after every API request and on a short timer,
 * so that changes made by time alone (an archive becoming `available`) are sent too.
 * @module
 */
import { asApplication, isApplication } from './applications.js';
import { archiveJson } from './archive-json.js';
import { broadcastJson } from './broadcast-json.js';
import { CallbackDispatcher, DEFAULT_DELIVERY, type DeliveryOptions } from './callback-dispatcher.js';
import type { ArchiveRecord, EmulatorProject } from './model.js';
import type { ArchiveStore } from './stores/archive-store.js';
import type { BroadcastStore } from './stores/broadcast-store.js';
import { type CallbackGroup, CallbackStore } from './stores/callback-store.js';
import type { RenderStore } from './stores/render-store.js';
import type { SessionStore } from './stores/session-store.js';

/** How often time-driven changes are looked for, in milliseconds. */
const SCAN_INTERVAL_MS = 50;

/** The archive statuses in the order they follow each other. */
const ARCHIVE_ORDER = ['started', 'paused', 'stopped', 'uploaded', 'available'];

/** The minimal shape of the session event feed this module reads (see `session-event-feed.ts`). */
interface FeedConnection {
  connectionId: string;
  data: string | null;
  createdAt: number;
}
interface FeedStream {
  streamId: string;
  connectionId: string;
  name: string;
  videoType: string;
  hasVideo?: boolean;
  createdAt: number;
}
interface FeedCall {
  id: string;
  connectionId: string;
  createdAt: number;
  state?: string;
}
interface FeedEvent {
  event: string;
  sessionId: string;
  createdAt: number;
  to: string[];
  reason?: string;
  active?: boolean;
  connection?: FeedConnection;
  stream?: FeedStream;
  call?: FeedCall;
  render?: Record<string, unknown>;
  captions?: Record<string, unknown>;
}
interface Feed {
  subscribe(listener: (event: FeedEvent) => void): () => void;
}

/** The `statusCallbackUrl` of a captions job, from the captions store when there is one. */
function captionsUrl(state: CallbackSources, captionId: unknown): string | undefined {
  const store = (
    state as unknown as { captions?: { all?: () => Array<{ id?: unknown; statusCallbackUrl?: unknown }> } }
  ).captions;
  const job = typeof store?.all === 'function' ? store.all().find((record) => record.id === captionId) : undefined;
  return typeof job?.statusCallbackUrl === 'string' ? job.statusCallbackUrl : undefined;
}

/**
 * What the callback center reads of the emulator's state (`state.ts` builds the center with
 * itself): the stores, the projects, the clock and the download origin.
 */
export interface CallbackSources {
  readonly projects: ReadonlyMap<string, EmulatorProject>;
  readonly sessions: SessionStore;
  readonly archives: ArchiveStore;
  readonly broadcasts: BroadcastStore;
  readonly renders: RenderStore;
  readonly origin: string;
  readonly now: () => number;
}

/** SIP `reason_code` of a call that ended: 700 normal clearing. */
const NORMAL_CLEARING = 700;

/** The callbacks of one emulator: configuration, event sources and delivery. */
export class CallbackCenter {
  readonly store: CallbackStore;
  readonly dispatcher: CallbackDispatcher;
  private readonly seen = new Map<string, string>();
  private readonly connections = new Map<string, FeedConnection>();
  private primed = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly state: CallbackSources) {
    this.store = new CallbackStore(state.now);
    this.dispatcher = new CallbackDispatcher({ ...DEFAULT_DELIVERY }, state.now);
    const feed = (state.sessions as unknown as { feed?: Feed }).feed;
    if (feed && typeof feed.subscribe === 'function') this.unsubscribe = feed.subscribe((event) => this.onFeed(event));
  }

  /** Changes how deliveries are attempted. */
  setDelivery(options: Partial<DeliveryOptions>): void {
    Object.assign(this.dispatcher.options, options);
  }

  /** Sets (or with `null` clears) a project's URLs per group. */
  configure(apiKey: string, change: Partial<Record<CallbackGroup, string | null>>) {
    this.prime();
    return this.store.configure(apiKey, change);
  }

  /** Adds a legacy registration. */
  register(apiKey: string, group: string, event: string, url: string) {
    this.prime();
    return this.store.register(apiKey, group, event, url);
  }

  /** Starts the timer that sends time-driven changes (unreferenced: it keeps no process alive). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.scan(), SCAN_INTERVAL_MS);
    this.timer.unref?.();
  }

  /** Stops the timer and the deliveries. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.dispatcher.close();
  }

  /** Records what everything shows now without sending anything: changes count from here. */
  private prime(): void {
    if (this.primed) return;
    this.primed = true;
    this.compare(false);
  }

  /** Sends the changes since the last look (nothing while no project wants callbacks). */
  scan(): void {
    if (!this.primed || !this.store.active()) return;
    this.compare(true);
  }

  private send(apiKey: string, sessionId: string | undefined, payload: Record<string, unknown>, extra?: string): void {
    const targets = this.store.targets(apiKey, String(payload.event));
    if (extra && !targets.includes(extra)) targets.push(extra);
    if (targets.length === 0) return;
    // A Vonage application's callbacks name it `applicationId`, as its REST answers do.
    const project = this.state.projects.get(apiKey);
    const body = project && isApplication(project) ? (asApplication(payload) as Record<string, unknown>) : payload;
    for (const url of targets) this.dispatcher.send(url, apiKey, sessionId, body);
  }

  private changed(key: string, value: string, emit: boolean): string | undefined | false {
    const before = this.seen.get(key);
    if (before === value) return false;
    this.seen.set(key, value);
    return emit ? before : false;
  }

  private compare(emit: boolean): void {
    const { state } = this;
    for (const archive of state.archives.all()) this.compareArchive(archive, emit);
    for (const broadcast of state.broadcasts.all()) {
      const json = broadcastJson(broadcast, state.origin, state.now(), state.broadcasts.timings);
      const urls = json.broadcastUrls as { hlsStatus?: string; rtmp?: Array<{ status?: string }> } | null;
      const key = [json.status, urls?.hlsStatus ?? '', ...(urls?.rtmp ?? []).map((target) => target.status)].join();
      if (this.changed(`broadcast ${broadcast.id}`, key, emit) !== false) {
        this.send(broadcast.apiKey, broadcast.sessionId, json);
      }
    }
  }

  private compareArchive(archive: ArchiveRecord, emit: boolean): void {
    const before = this.changed(`archive ${archive.id}`, archive.status, emit);
    if (before === false || archive.status === 'deleted') return;
    const payload = archiveJson(archive, this.state.origin);
    // The service rounds the callback's createdAt to the second.
    payload.createdAt = Math.floor(archive.createdAt / 1000) * 1000;
    // A status passed between two looks (a stop with no processing time) is still sent.
    const from = before === undefined ? -1 : ARCHIVE_ORDER.indexOf(before);
    const to = ARCHIVE_ORDER.indexOf(archive.status);
    if (to > 2 && from < 2 && from >= -1) {
      this.send(archive.apiKey, archive.sessionId, { ...payload, status: 'stopped', size: 0, url: null });
    }
    this.send(archive.apiKey, archive.sessionId, payload);
  }

  private apiKeyOf(sessionId: string | undefined): string | undefined {
    return sessionId === undefined ? undefined : this.state.sessions.find(sessionId)?.apiKey;
  }

  /** SIP call monitoring, render and captions status, from the connectors' feed events. */
  private onConnectorEvent(event: FeedEvent, apiKey: string, base: Record<string, unknown>): void {
    const callJson = (call: FeedCall) => ({ id: call.id, connectionId: call.connectionId, createdAt: call.createdAt });
    if (event.event === 'sipCallCreated' && event.call) {
      this.send(apiKey, event.sessionId, { ...base, event: 'callCreated', call: callJson(event.call) });
      // The emulator has no SIP signalling: the call is answered at once.
      this.send(apiKey, event.sessionId, {
        ...base,
        event: 'callUpdated',
        state: 'ACTIVE',
        call: callJson(event.call),
      });
    } else if (event.event === 'sipCallDestroyed' && event.call) {
      this.send(apiKey, event.sessionId, {
        ...base,
        event: 'callUpdated',
        state: 'HANGUP',
        call: callJson(event.call),
      });
      this.send(apiKey, event.sessionId, {
        ...base,
        event: 'callDestroyed',
        reason_code: NORMAL_CLEARING,
        reason_message: event.reason ?? 'Call ended',
        call: callJson(event.call),
      });
    } else if (event.event === 'sipMuteForced' && event.call && event.active) {
      this.send(apiKey, event.sessionId, { ...base, event: 'muteForced', call: callJson(event.call) });
    } else if (event.event === 'renderStatusChanged' && event.render) {
      // The event shows the callback URL redacted: the delivery goes to the stored one.
      const { callbackUrl: _shown, ...render } = event.render;
      const extra = this.state.renders.find(String(render.id))?.statusCallbackUrl;
      this.send(apiKey, event.sessionId, { ...render, projectId: apiKey, event: 'render' }, extra);
    } else if ((event.event === 'captionsStarted' || event.event === 'captionsStopped') && event.captions) {
      const extra = captionsUrl(this.state, event.captions.captionId);
      this.send(apiKey, event.sessionId, { ...event.captions, projectId: apiKey, event: 'captions' }, extra);
    }
  }

  /** Session monitoring, from the session event feed. */
  private onFeed(event: FeedEvent): void {
    const apiKey = this.apiKeyOf(event.sessionId);
    if (apiKey === undefined) return;
    const base = { sessionId: event.sessionId, projectId: apiKey, timestamp: event.createdAt };
    const connectionJson = (connection: FeedConnection | undefined) => ({
      id: connection?.connectionId ?? '',
      createdAt: connection?.createdAt ?? event.createdAt,
      data: connection?.data ?? '',
    });
    if (event.event === 'connectionCreated' && event.connection) {
      this.connections.set(event.connection.connectionId, event.connection);
      if (event.to.length === 1) this.send(apiKey, event.sessionId, { ...base, event: 'sessionCreated' });
      this.send(apiKey, event.sessionId, {
        ...base,
        event: 'connectionCreated',
        connection: connectionJson(event.connection),
      });
    } else if (event.event === 'connectionDestroyed' && event.connection) {
      this.connections.delete(event.connection.connectionId);
      this.send(apiKey, event.sessionId, {
        ...base,
        event: 'connectionDestroyed',
        reason: event.reason ?? 'clientDisconnected',
        connection: connectionJson(event.connection),
      });
      if (event.to.length === 0) this.send(apiKey, event.sessionId, { ...base, event: 'sessionDestroyed' });
    } else if ((event.event === 'streamCreated' || event.event === 'streamDestroyed') && event.stream) {
      const { stream } = event;
      const json: Record<string, unknown> = {
        id: stream.streamId,
        connection: connectionJson(
          this.connections.get(stream.connectionId) ?? {
            connectionId: stream.connectionId,
            data: null,
            createdAt: stream.createdAt,
          },
        ),
        createdAt: stream.createdAt,
        name: stream.name,
      };
      // An audio-only stream has no video type.
      if (stream.hasVideo !== false) json.videoType = stream.videoType;
      const payload: Record<string, unknown> = { ...base, event: event.event, stream: json };
      if (event.event === 'streamDestroyed') payload.reason = event.reason ?? 'clientDisconnected';
      this.send(apiKey, event.sessionId, payload);
    }
    this.onConnectorEvent(event, apiKey, base);
    // What the change does to recordings (a pause, a resume) happens after the feed hears of
    // it, in the same synchronous step: look once that step is over.
    queueMicrotask(() => this.scan());
  }
}
