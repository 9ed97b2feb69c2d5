/**
 * Experience Composer renders (`/v2/project/{k}/render`): `starting` → `started` → `stopped`,
 * or `failed` with a reason. On start the emulator really fetches the page's URL: an answer
 * other than 2xx, or none, fails the render (`Could not load URL …`), so a developer learns
 * that their page is unreachable. The render's connection joins the session's roster at once;
 * while `started` it publishes a stream named from `properties.name`. It stops at
 * `maxDuration`, on stop, when its connection is force-disconnected, or when the last client
 * leaves the session. No browser renders the page: the stream carries no picture of it.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { linkAbort } from '../linked-abort.js';
import type { SessionRecord } from '../model.js';
import { EmulatorProblem } from '../problem.js';
import { redactUrl } from '../redact.js';
import { emitConnectorEvent } from './connector-events.js';
import type { SessionFeedEvent } from './session-event-feed.js';
import type { SessionStore } from './session-store.js';
import { TimerSet } from './timer-set.js';

/** What a render start asks for, already validated. */
export interface RenderOptions {
  url: string;
  maxDuration: number;
  resolution: string;
  name: string | undefined;
  statusCallbackUrl: string | undefined;
}

/** A render. */
export interface RenderRecord extends RenderOptions {
  id: string;
  apiKey: string;
  sessionId: string;
  connectionId: string;
  streamId: string | undefined;
  status: 'starting' | 'started' | 'stopped' | 'failed';
  reason: string | undefined;
  createdAt: number;
  updatedAt: number;
}

/** Milliseconds the emulator waits for the page's answer before it fails the render. */
export const RENDER_LOAD_TIMEOUT_MS = 10_000;

const notFound = () => new EmulatorProblem(404, 'Render not found', { code: 404 });

/** A render as the REST API answers it (§9.1 of the surface: every field). */
export function renderJson(render: RenderRecord): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: render.id,
    sessionId: render.sessionId,
    projectId: render.apiKey,
    createdAt: render.createdAt,
    updatedAt: render.updatedAt,
    url: render.url,
    resolution: render.resolution,
    status: render.status,
  };
  if (render.streamId !== undefined) json.streamId = render.streamId;
  if (render.reason !== undefined) json.reason = render.reason;
  if (render.name !== undefined) json.name = render.name;
  if (render.statusCallbackUrl !== undefined) json.callbackUrl = render.statusCallbackUrl;
  json.event = 'render';
  return json;
}

/**
 * A render as the emulator's own views show it (`GET /_emulator/state`, the event feed and the
 * callbacks made from it): the REST object with its page URL and callback URL redacted
 * (userinfo, query values: see `redact.ts`).
 */
export function renderView(render: RenderRecord): Record<string, unknown> {
  const json = renderJson(render);
  json.url = redactUrl(render.url);
  if (render.statusCallbackUrl !== undefined) json.callbackUrl = redactUrl(render.statusCallbackUrl);
  return json;
}

/** The renders of one emulator. */
export class RenderStore {
  private readonly renders = new Map<string, RenderRecord>();
  private readonly timers = new TimerSet();
  private readonly loads = new AbortController();

  constructor(
    private readonly sessions: SessionStore,
    private readonly now: () => number,
    private readonly loadTimeoutMs = RENDER_LOAD_TIMEOUT_MS,
  ) {
    sessions.feed.subscribe((event) => this.follow(event));
  }

  /** Starts a render: `starting`, its connection in the roster, its page being fetched. */
  start(session: SessionRecord, role: string, data: string | undefined, options: RenderOptions): RenderRecord {
    const connection = this.sessions.addConnection(session, { kind: 'render', role, data });
    const now = this.now();
    const render: RenderRecord = {
      id: randomUUID(),
      apiKey: session.apiKey,
      sessionId: session.id,
      connectionId: connection.id,
      streamId: undefined,
      status: 'starting',
      reason: undefined,
      createdAt: now,
      updatedAt: now,
      ...options,
    };
    this.renders.set(render.id, render);
    this.changed(render);
    this.timers.after(options.maxDuration * 1000, () => this.end(render, 'stopped', 'Max duration exceeded'));
    void this.load(render);
    return render;
  }

  /** Fetches the page: 2xx starts the render, anything else fails it. */
  private async load(render: RenderRecord): Promise<void> {
    let failure: string | undefined;
    // The timeout is a timer this load holds, not an AbortSignal.any composite (see linked-abort.ts).
    const link = linkAbort([this.loads.signal], this.loadTimeoutMs);
    try {
      const response = await fetch(render.url, {
        signal: link.signal,
        redirect: 'follow',
        headers: { accept: 'text/html,*/*' },
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status < 200 || response.status > 299) failure = `Could not load URL (HTTP ${response.status})`;
    } catch (error) {
      if (this.loads.signal.aborted) return;
      failure = `Could not load URL (${describe(error)})`;
    } finally {
      link.release();
    }
    if (render.status !== 'starting') return;
    if (failure !== undefined) {
      this.end(render, 'failed', failure);
      return;
    }
    const session = this.sessions.find(render.sessionId);
    if (!session?.connections.has(render.connectionId)) return;
    const stream = this.sessions.addStream(session, render.connectionId, {
      name: render.name ?? '',
      videoType: 'custom',
      layoutClassList: [],
    });
    render.status = 'started';
    render.streamId = stream.id;
    render.updatedAt = this.now();
    this.changed(render);
  }

  /** The render of this project, or a 404. */
  get(apiKey: string, renderId: string): RenderRecord {
    const render = this.renders.get(renderId);
    if (!render || render.apiKey !== apiKey) throw notFound();
    return render;
  }

  /** Stops a `starting` or `started` render (404 when unknown or already ended). */
  stop(apiKey: string, renderId: string): RenderRecord {
    const render = this.get(apiKey, renderId);
    if (render.status !== 'starting' && render.status !== 'started') throw notFound();
    this.end(render, 'stopped', 'Stop Requested');
    return render;
  }

  /** Renders of a project, newest first. */
  list(apiKey: string): RenderRecord[] {
    return this.all()
      .filter((render) => render.apiKey === apiKey)
      .reverse();
  }

  /** The render with this ID, of any project. */
  find(renderId: string): RenderRecord | undefined {
    return this.renders.get(renderId);
  }

  /** Every render, in start order. */
  all(): RenderRecord[] {
    return [...this.renders.values()];
  }

  /** Stops fetching pages and clears the timers (the emulator is closing). */
  close(): void {
    this.loads.abort();
    this.timers.clearAll();
  }

  private end(render: RenderRecord, status: 'stopped' | 'failed', reason: string): void {
    if (render.status !== 'starting' && render.status !== 'started') return;
    render.status = status;
    render.reason = reason;
    render.updatedAt = this.now();
    const session = this.sessions.find(render.sessionId);
    if (session?.connections.has(render.connectionId)) {
      this.sessions.removeConnection(session, render.connectionId, 'clientDisconnected');
    }
    this.changed(render);
  }

  private changed(render: RenderRecord): void {
    const session = this.sessions.find(render.sessionId);
    emitConnectorEvent(this.sessions.feed, render.sessionId, {
      event: 'renderStatusChanged',
      render: renderView(render),
      to: session ? [...session.connections.keys()] : [],
    });
  }

  /** A render ends with its connection, or when the last client of its session leaves. */
  private follow(event: SessionFeedEvent): void {
    if (event.event !== 'connectionDestroyed') return;
    const running = this.all().filter(
      (render) => render.sessionId === event.sessionId && (render.status === 'starting' || render.status === 'started'),
    );
    if (running.length === 0) return;
    const own = running.find((render) => render.connectionId === event.connection.connectionId);
    if (own) {
      this.end(own, 'stopped', 'Connection ended');
      return;
    }
    const session = this.sessions.find(event.sessionId);
    const clientsLeft = session
      ? [...session.connections.values()].some((connection) => connection.kind === 'client')
      : false;
    if (event.connection.kind === 'client' && !clientsLeft) {
      for (const render of running) this.end(render, 'stopped', 'Session ended');
    }
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  return 'no answer';
}
