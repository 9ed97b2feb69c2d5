/**
 * All the state of one emulator: a store per resource (sessions, archives, broadcasts), the
 * queued faults, and what every route needs (projects, clock, token rules, the origin of
 * download URLs). Every store method is synchronous, so concurrent requests, which Node runs
 * one handler step at a time, can never interleave inside a state change.
 * @module
 */
import { CallbackCenter } from './callback-center.js';
import type { EmulatorProject } from './model.js';
import { ArchiveStore, type ArchiveTimings } from './stores/archive-store.js';
import { AudioConnectorStore } from './stores/audio-connector-store.js';
import { BroadcastStore, type BroadcastTimings } from './stores/broadcast-store.js';
import { CaptionsStore } from './stores/captions-store.js';
import { FaultStore } from './stores/fault-store.js';
import { RENDER_LOAD_TIMEOUT_MS, RenderStore } from './stores/render-store.js';
import { SessionStore } from './stores/session-store.js';
import { SipStore } from './stores/sip-store.js';
import {
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  DEFAULT_MAX_REST_TOKEN_LIFETIME_SECONDS,
  type TokenRules,
} from './token-rules.js';

export type { ArchiveStartOptions, ArchiveTimings } from './stores/archive-store.js';
export { archiveDuration, videoLength } from './stores/archive-store.js';
export type { BroadcastTimings } from './stores/broadcast-store.js';
export type { SessionCreateOptions } from './stores/session-store.js';

/** All the state of one emulator. */
export class EmulatorState {
  readonly projects = new Map<string, EmulatorProject>();
  readonly sessions: SessionStore;
  readonly archives: ArchiveStore;
  readonly broadcasts: BroadcastStore;
  readonly faults = new FaultStore();
  /** SIP calls (see `stores/sip-store.ts`). */
  readonly sip: SipStore;
  /** Experience Composer renders (see `stores/render-store.ts`). */
  readonly renders: RenderStore;
  /** Live captions (see `stores/captions-store.ts`). */
  readonly captions: CaptionsStore;
  /** Audio Connectors and their WebSockets (see `stores/audio-connector-store.ts`). */
  readonly audioConnectors: AudioConnectorStore;
  /** Callback URLs, the events they get, and their deliveries (see `callback-center.ts`). */
  readonly callbacks: CallbackCenter;
  /**
   * The origin download URLs are built on (`http://127.0.0.1:4010`): the address the emulator
   * listens on, or its `publicUrl`; never a request's `Host` header.
   */
  origin = 'http://127.0.0.1';

  constructor(
    projects: EmulatorProject[],
    readonly timings: ArchiveTimings,
    readonly now: () => number = Date.now,
    readonly tokenRules: TokenRules = {
      clockTolerance: DEFAULT_CLOCK_TOLERANCE_SECONDS,
      maxRestTokenLifetime: DEFAULT_MAX_REST_TOKEN_LIFETIME_SECONDS,
    },
    broadcastTimings: BroadcastTimings = { liveMs: 1500, pausedTimeoutMs: 60_000 },
    renderLoadTimeoutMs: number = RENDER_LOAD_TIMEOUT_MS,
  ) {
    for (const project of projects) this.projects.set(project.apiKey, project);
    this.sessions = new SessionStore(now);
    this.archives = new ArchiveStore(this.sessions, timings, now, (apiKey) => this.projects.get(apiKey)?.uploadTarget);
    this.broadcasts = new BroadcastStore(this.sessions, broadcastTimings, now);
    this.sip = new SipStore(this.sessions, now);
    this.renders = new RenderStore(this.sessions, now, renderLoadTimeoutMs);
    this.captions = new CaptionsStore(this.sessions, now);
    this.audioConnectors = new AudioConnectorStore(this.sessions, now);
    this.callbacks = new CallbackCenter(this);
  }

  /** Ends what runs by itself: connector timers, page loads and Audio Connector sockets. */
  closeConnectors(): void {
    this.renders.close();
    this.captions.close();
    this.audioConnectors.close();
  }
}
