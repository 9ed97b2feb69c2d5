/**
 * The client side of `@opentok/emulator`'s control API, for the commands that only make sense
 * against an emulator (`opentok session join` and `leave`): finding out whether the API URL is
 * one, as the quickstart does (`GET /_emulator/state` answers with its state), and joining
 * or removing a simulated client. The only HTTP the CLI makes itself; every other call goes
 * through the `opentok` package.
 * @module
 */
import { CliError } from './failure.js';

/** What a simulated client that joined got: its connection, and its stream when it publishes. */
export interface JoinedClient {
  connectionId: string;
  streamId?: string;
}

/** What a client publishes when it joins. */
export interface PublishChoice {
  videoType: 'camera' | 'screen';
  hasAudio: boolean;
  hasVideo: boolean;
}

/** The `--publish` values: `audio,video` (either order), `audio`, `video` or `screen`. */
export function parsePublish(value: string): PublishChoice {
  const parts = new Set(
    value
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter(Boolean),
  );
  if (parts.size === 1 && parts.has('screen')) return { videoType: 'screen', hasAudio: false, hasVideo: true };
  if (parts.size > 0 && [...parts].every((part) => part === 'audio' || part === 'video')) {
    return { videoType: 'camera', hasAudio: parts.has('audio'), hasVideo: parts.has('video') };
  }
  throw new CliError('--publish takes audio,video, audio, video or screen', 2);
}

/** An emulator's control API at one base URL. */
export class EmulatorControl {
  readonly #base: string;
  readonly #token: string | undefined;
  readonly #signal: AbortSignal;

  /**
   * @param apiUrl the API URL in use (an emulator's, such as `http://127.0.0.1:4010`).
   * @param controlToken the emulator's control token, when it was started with one.
   */
  constructor(apiUrl: string, controlToken: string | undefined, signal: AbortSignal) {
    this.#base = apiUrl.replace(/\/+$/, '');
    this.#token = controlToken;
    this.#signal = signal;
  }

  async #call(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.#token !== undefined) headers.Authorization = `Bearer ${this.#token}`;
    try {
      return await fetch(`${this.#base}/_emulator${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.any([this.#signal, AbortSignal.timeout(10_000)]),
        redirect: 'manual',
      });
    } catch (error) {
      if (this.#signal.aborted) throw error;
      throw new CliError(`cannot reach ${this.#base}: ${(error as Error).cause ?? (error as Error).message}`);
    }
  }

  /**
   * Checks that the API URL is an emulator (its state has `projects` and `sessions`), else
   * fails with what to do instead.
   */
  async requireEmulator(command: string): Promise<void> {
    const answer = await this.#call('GET', '/state');
    const body = (await answer.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (answer.status === 401 && body?.reason === 'token') {
      throw new CliError(`the emulator at ${this.#base} needs its control token: set OPENTOK_EMULATOR_CONTROL_TOKEN`);
    }
    if (!answer.ok || !Array.isArray(body?.projects) || !Array.isArray(body?.sessions)) {
      throw new CliError(
        `${command} works against an @opentok/emulator only, and ${this.#base} is not one: ` +
          'with the real service, clients join from a client SDK with a token (opentok token <sessionId>)',
      );
    }
  }

  /** Fails with the emulator's message when an answer is not the expected status. */
  async #expect(answer: Response, status: number): Promise<unknown> {
    const text = await answer.text();
    if (answer.status === status) return text === '' ? undefined : JSON.parse(text);
    let message = text;
    try {
      message = String((JSON.parse(text) as { message?: unknown }).message ?? text);
    } catch {
      // Not JSON: the text itself.
    }
    throw new CliError(`the emulator refused (HTTP ${answer.status}): ${message}`);
  }

  /** A client joins with `token` and publishes what `publish` says (nothing when undefined). */
  async join(sessionId: string, token: string, publish: PublishChoice | undefined, name: string | undefined) {
    const session = encodeURIComponent(sessionId);
    const joined = (await this.#expect(
      await this.#call('POST', `/sessions/${session}/connections`, { token, publish: false }),
      201,
    )) as JoinedClient;
    if (publish === undefined) return { connectionId: joined.connectionId };
    const connection = encodeURIComponent(joined.connectionId);
    const stream = (await this.#expect(
      await this.#call('POST', `/sessions/${session}/connections/${connection}/streams`, { ...publish, name }),
      201,
    )) as { streamId: string };
    return { connectionId: joined.connectionId, streamId: stream.streamId };
  }

  /** A client leaves the session. */
  async leave(sessionId: string, connectionId: string): Promise<void> {
    await this.#expect(
      await this.#call(
        'DELETE',
        `/sessions/${encodeURIComponent(sessionId)}/connections/${encodeURIComponent(connectionId)}`,
      ),
      204,
    );
  }
}
