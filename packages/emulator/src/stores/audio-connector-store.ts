/**
 * Audio Connector (`/v2/project/{k}/connect`), for real: on start the emulator opens a
 * WebSocket to the given `ws://` or `wss://` URI (with the given headers on the upgrade
 * request), sends the opening JSON text message the service sends (`content-type`
 * `audio/l16;rate=<audioRate>` plus the headers), then streams the session's audio in real
 * time: one binary message per 20 ms frame of 16-bit little-endian linear PCM, mono (640 bytes
 * at 16 kHz, 320 at 8 kHz). The emulator has no real media, so each stream it sends is a sine
 * tone of its own pitch, mixed; silence when there is none. With `bidirectional` it accepts
 * binary frames back, counts them, and publishes an audio-only stream for them. A stop, a
 * force disconnect of its connection, the server closing the socket (`stopped`) or an
 * unreachable URI (`failed`) end it.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { SessionRecord } from '../model.js';
import { EmulatorProblem } from '../problem.js';
import { headerNames, redactUrl } from '../redact.js';
import { type AudioConnectorView, emitConnectorEvent } from './connector-events.js';
import type { SessionFeedEvent } from './session-event-feed.js';
import type { SessionStore } from './session-store.js';

/** Length of one audio frame, in milliseconds. */
export const FRAME_MS = 20;
/** Milliseconds the WebSocket server has to accept the connection, as on the service. */
export const HANDSHAKE_TIMEOUT_MS = 6000;
/** Frames sent at most in one go to catch up after the event loop was busy (one second). */
const MAX_CATCH_UP_FRAMES = 50;
/**
 * Largest message accepted from the WebSocket server, in bytes: a 20 ms frame at the highest
 * rate (640 bytes at 16 kHz) with a wide margin, and the JSON control messages. A larger one
 * closes the socket (1009) and fails the connector, instead of ws's 100 MiB default.
 */
export const MAX_MESSAGE_BYTES = 32 * 1024;
/** Bytes queued on the socket above which frames are dropped instead of piling up. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Bytes of one frame of 16-bit mono PCM at `audioRate` Hz: 640 at 16000, 320 at 8000. */
export const frameBytes = (audioRate: number): number => (audioRate / 1000) * FRAME_MS * 2;

/** The pitch of the `index`-th stream's tone: A4 (440 Hz), then up a fifth each. */
export const toneFrequency = (index: number): number => 440 * 1.5 ** (index % 6);

/**
 * One frame of 16-bit little-endian PCM: the tones of `frequencies` mixed at equal loudness,
 * continuous from frame to frame (`frameIndex` counts from 0); silence for none.
 */
export function toneFrame(audioRate: number, frameIndex: number, frequencies: readonly number[]): Buffer {
  const samples = frameBytes(audioRate) / 2;
  const frame = Buffer.alloc(samples * 2);
  if (frequencies.length === 0) return frame;
  const amplitude = 12_000 / frequencies.length;
  const first = frameIndex * samples;
  for (let sample = 0; sample < samples; sample++) {
    const time = (first + sample) / audioRate;
    let value = 0;
    for (const frequency of frequencies) value += Math.sin(2 * Math.PI * frequency * time);
    frame.writeInt16LE(Math.round(value * amplitude), sample * 2);
  }
  return frame;
}

/** What a connect asks for, already validated. */
export interface AudioConnectorOptions {
  uri: string;
  streams: string[] | undefined;
  headers: Record<string, string> | undefined;
  audioRate: 8000 | 16000;
  bidirectional: boolean;
}

/** An Audio Connector. */
export interface AudioConnectorRecord extends AudioConnectorOptions {
  id: string;
  apiKey: string;
  sessionId: string;
  connectionId: string;
  streamId: string | undefined;
  status: 'connecting' | 'connected' | 'stopped' | 'failed';
  reason: string | undefined;
  framesSent: number;
  framesReceived: number;
  createdAt: number;
  updatedAt: number;
}

/** A connector as events and the state view show it (header names only: values may be credentials). */
export function audioConnectorView(connector: AudioConnectorRecord): AudioConnectorView {
  return {
    id: connector.id,
    sessionId: connector.sessionId,
    connectionId: connector.connectionId,
    streamId: connector.streamId ?? null,
    uri: redactUrl(connector.uri),
    streams: connector.streams ? [...connector.streams] : null,
    headerNames: headerNames(connector.headers),
    audioRate: connector.audioRate,
    bidirectional: connector.bidirectional,
    status: connector.status,
    reason: connector.reason ?? null,
    framesSent: connector.framesSent,
    framesReceived: connector.framesReceived,
    createdAt: connector.createdAt,
    updatedAt: connector.updatedAt,
  };
}

const notFound = () => new EmulatorProblem(404, 'Audio connector not found', { code: 404 });

/** The live side of a connector: its socket and its frame clock. */
interface Link {
  socket: WebSocket;
  timer: NodeJS.Timeout | undefined;
}

/** The Audio Connectors of one emulator. */
export class AudioConnectorStore {
  private readonly connectors = new Map<string, AudioConnectorRecord>();
  private readonly links = new Map<string, Link>();

  constructor(
    private readonly sessions: SessionStore,
    private readonly now: () => number,
  ) {
    sessions.feed.subscribe((event) => this.follow(event));
  }

  /** Starts a connector: its connection joins the roster at once, the socket opens in the background. */
  start(
    session: SessionRecord,
    role: string,
    data: string | undefined,
    options: AudioConnectorOptions,
  ): AudioConnectorRecord {
    const connection = this.sessions.addConnection(session, { kind: 'audioConnector', role, data });
    const stream = options.bidirectional
      ? this.sessions.addStream(session, connection.id, {
          name: '',
          videoType: 'custom',
          layoutClassList: [],
          hasAudio: true,
          hasVideo: false,
        })
      : undefined;
    const now = this.now();
    const connector: AudioConnectorRecord = {
      id: randomUUID(),
      apiKey: session.apiKey,
      sessionId: session.id,
      connectionId: connection.id,
      streamId: stream?.id,
      status: 'connecting',
      reason: undefined,
      framesSent: 0,
      framesReceived: 0,
      createdAt: now,
      updatedAt: now,
      ...options,
    };
    this.connectors.set(connector.id, connector);
    this.changed(connector);
    this.open(connector);
    return connector;
  }

  private open(connector: AudioConnectorRecord): void {
    let socket: WebSocket;
    try {
      socket = new WebSocket(connector.uri, {
        headers: connector.headers,
        handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
        followRedirects: false,
        // The service's audio is raw PCM: no compression, so no decompression bomb either.
        perMessageDeflate: false,
        maxPayload: MAX_MESSAGE_BYTES,
      });
    } catch {
      queueMicrotask(() => this.end(connector, 'failed', 'Invalid WebSocket URI'));
      return;
    }
    const link: Link = { socket, timer: undefined };
    this.links.set(connector.id, link);
    socket.binaryType = 'nodebuffer';
    socket.on('open', () => {
      if (connector.status !== 'connecting') return;
      socket.send(JSON.stringify({ 'content-type': `audio/l16;rate=${connector.audioRate}`, ...connector.headers }));
      connector.status = 'connected';
      connector.updatedAt = this.now();
      this.changed(connector);
      this.stream(connector, link);
    });
    socket.on('message', (_data, isBinary) => {
      if (isBinary && connector.bidirectional && connector.status === 'connected') connector.framesReceived++;
    });
    socket.on('error', (error: Error & { code?: string }) => {
      const what = error.code ?? (error.message.length <= 200 ? error.message : 'socket error');
      this.end(connector, 'failed', `WebSocket error (${what})`);
    });
    socket.on('close', (code) => {
      if (connector.status === 'connecting')
        this.end(connector, 'failed', `WebSocket closed before it opened (${code})`);
      else this.end(connector, 'stopped', `WebSocket closed by the server (${code})`);
    });
  }

  /** Sends one frame per 20 ms of real time, catching up after a busy event loop. */
  private stream(connector: AudioConnectorRecord, link: Link): void {
    const started = performance.now();
    let frameIndex = 0;
    const tick = () => {
      const due = Math.floor((performance.now() - started) / FRAME_MS) + 1;
      if (due - frameIndex > MAX_CATCH_UP_FRAMES) frameIndex = due - MAX_CATCH_UP_FRAMES;
      while (frameIndex < due && connector.status === 'connected') {
        if (link.socket.bufferedAmount <= MAX_BUFFERED_BYTES) {
          link.socket.send(toneFrame(connector.audioRate, frameIndex, this.frequencies(connector)), { binary: true });
          connector.framesSent++;
        }
        frameIndex++;
      }
    };
    tick();
    link.timer = setInterval(tick, FRAME_MS / 2);
    link.timer.unref();
  }

  /** The tones of the streams the connector hears: the chosen ones (or all) but its own. */
  private frequencies(connector: AudioConnectorRecord): number[] {
    const session = this.sessions.find(connector.sessionId);
    if (!session) return [];
    const streams = [...session.streams.values()].filter(
      (stream) =>
        stream.connectionId !== connector.connectionId &&
        stream.hasAudio &&
        (connector.streams === undefined || connector.streams.includes(stream.id)),
    );
    return streams.map((_, index) => toneFrequency(index));
  }

  /** The connector of this project, or a 404. */
  get(apiKey: string, connectorId: string): AudioConnectorRecord {
    const connector = this.connectors.get(connectorId);
    if (!connector || connector.apiKey !== apiKey) throw notFound();
    return connector;
  }

  /** Stops a connector (404 when unknown or already ended): the socket closes, the connection leaves. */
  stop(apiKey: string, connectorId: string): AudioConnectorRecord {
    const connector = this.get(apiKey, connectorId);
    if (connector.status !== 'connecting' && connector.status !== 'connected') throw notFound();
    this.end(connector, 'stopped', 'Stop requested');
    return connector;
  }

  /** Every connector, in start order. */
  all(): AudioConnectorRecord[] {
    return [...this.connectors.values()];
  }

  /** Closes every socket and frame clock (the emulator is closing). */
  close(): void {
    for (const connector of this.all()) this.end(connector, 'stopped', 'Emulator closed');
    for (const link of this.links.values()) link.socket.terminate();
    this.links.clear();
  }

  private end(connector: AudioConnectorRecord, status: 'stopped' | 'failed', reason: string): void {
    if (connector.status !== 'connecting' && connector.status !== 'connected') return;
    connector.status = status;
    connector.reason = reason;
    connector.updatedAt = this.now();
    const link = this.links.get(connector.id);
    if (link) {
      clearInterval(link.timer);
      this.links.delete(connector.id);
      if (link.socket.readyState === WebSocket.OPEN) link.socket.close(1000, reason.slice(0, 100));
      else if (link.socket.readyState === WebSocket.CONNECTING) link.socket.terminate();
    }
    const session = this.sessions.find(connector.sessionId);
    if (session?.connections.has(connector.connectionId)) {
      this.sessions.removeConnection(session, connector.connectionId, 'clientDisconnected');
    }
    this.changed(connector);
  }

  private changed(connector: AudioConnectorRecord): void {
    const session = this.sessions.find(connector.sessionId);
    emitConnectorEvent(this.sessions.feed, connector.sessionId, {
      event: 'audioConnectorStatusChanged',
      connector: audioConnectorView(connector),
      to: session ? [...session.connections.keys()] : [],
    });
  }

  /** A force disconnect of the connector's connection stops it. */
  private follow(event: SessionFeedEvent): void {
    if (event.event !== 'connectionDestroyed') return;
    for (const connector of this.all()) {
      if (connector.connectionId === event.connection.connectionId) {
        this.end(connector, 'stopped', 'Connection ended');
      }
    }
  }
}
