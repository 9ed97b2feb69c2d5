/**
 * What every command's action receives: the output mode, credentials on demand, a
 * REST client and token signer bound to them, and a signal that Ctrl-C aborts.
 * @module
 */
import type { Command } from 'commander';
import type { Client, CreateSessionOptions, LegacyArchiveOptions, TokenGenerator } from 'opentok';
import { type CredentialFlags, type Credentials, resolveCredentials } from './credentials.js';
import { escapeJson, escapeText } from './escape.js';
import { VERSION } from './version.js';

/** What commands call: the REST client of the project or application, and its token signer. */
export interface Project {
  client: Client;
  /** The API key, or the application ID. */
  apiKey: string;
  archives: Client['archives'];
  generateToken: TokenGenerator;
  createSession(options?: CreateSessionOptions): ReturnType<Client['createSession']>;
  getArchiveManifest(archiveId: string, options?: LegacyArchiveOptions): ReturnType<Client['getArchiveManifest']>;
  getArchiveDownloadUrl(
    archiveId: string,
    videoId: string,
    options?: LegacyArchiveOptions,
  ): ReturnType<Client['getArchiveDownloadUrl']>;
}

/** The process around the commands; tests of the parts may pass their own. */
export interface Runtime {
  environment: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream;
  /** Aborted on the first SIGINT. */
  signal: AbortSignal;
  /** Secrets seen so far, scrubbed from any error line. */
  secrets: Set<string>;
  /** Set by commands that handle Ctrl-C themselves (through `signal`). */
  handlesInterrupt: boolean;
  /** The API URL in use, for error lines about unreachable APIs. */
  apiUrl?: string | undefined;
}

/** The global options. */
export interface GlobalOptions extends CredentialFlags {
  json?: boolean | undefined;
}

/** Each line escaped whole, each ended by a line feed. */
function humanLines(text: string | readonly string[]): string {
  return (typeof text === 'string' ? [text] : text).map((line) => `${escapeText(line)}\n`).join('');
}

/** Helpers handed to each command. */
export class CommandContext {
  readonly json: boolean;
  readonly runtime: Runtime;
  readonly #flags: GlobalOptions;
  #credentials: Promise<Credentials> | undefined;

  constructor(runtime: Runtime, command: Command) {
    this.runtime = runtime;
    this.#flags = command.optsWithGlobals<GlobalOptions>();
    this.json = this.#flags.json === true;
    if (this.#flags.apiSecret) runtime.secrets.add(this.#flags.apiSecret);
  }

  /** The environment variables. */
  get environment(): NodeJS.ProcessEnv {
    return this.runtime.environment;
  }

  /** Aborted by Ctrl-C. */
  get signal(): AbortSignal {
    return this.runtime.signal;
  }

  /** Whether stdout is a terminal with a size, where progress bars can be redrawn in place. */
  get interactive(): boolean {
    const { isTTY, rows, columns } = this.runtime.stdout;
    return isTTY === true && (rows ?? 0) > 0 && (columns ?? 0) > 0;
  }

  /**
   * Writes one line (a string) or several (an array, such as `formatTable` gives) of human
   * output to stdout. This is where every human line passes: each is escaped whole
   * (`escapeText`), so that text from others can neither drive the terminal nor fake a line.
   */
  print(text: string | readonly string[]): void {
    this.runtime.stdout.write(humanLines(text));
  }

  /** Writes a note to stderr (never parsed by scripts), escaped as `print` escapes. */
  note(text: string | readonly string[]): void {
    this.runtime.stderr.write(humanLines(text));
  }

  /**
   * Writes one JSON document on one line to stdout. The value stays exact: the C1, DEL and bidi
   * characters that `JSON.stringify` leaves raw are written as `\uHHHH` escapes (`escapeJson`).
   */
  printJson(value: unknown): void {
    this.runtime.stdout.write(`${escapeJson(JSON.stringify(value))}\n`);
  }

  /** The credentials, found once (see `resolveCredentials`). */
  credentials(): Promise<Credentials> {
    this.#credentials ??= resolveCredentials(this.#flags, this.environment, (text) => this.note(text)).then((found) => {
      this.runtime.secrets.add(found.applicationId === undefined ? found.apiSecret : found.privateKey);
      this.runtime.apiUrl =
        found.apiUrl ??
        (found.applicationId === undefined ? 'https://api.opentok.com' : 'https://video.api.vonage.com');
      return found;
    });
    return this.#credentials;
  }

  /**
   * The REST client and a token signer bound to the credentials. Built from `createClient`
   * and `createTokenGenerator` rather than the `OpenTok` class, whose methods follow the
   * official 2.x module (callbacks, reworded errors) instead of the SDK's own errors.
   */
  async openTok(): Promise<Project> {
    const credentials = await this.credentials();
    const { createClient, createTokenGenerator, InvalidSessionIdError } = await import('opentok');
    const options = { apiUrl: this.runtime.apiUrl, userAgent: `opentok-cli/${VERSION}` };
    const signing =
      credentials.applicationId === undefined
        ? { apiKey: credentials.apiKey, apiSecret: credentials.apiSecret }
        : { applicationId: credentials.applicationId, privateKey: credentials.privateKey };
    const client = createClient({ ...options, ...signing });
    const sign = createTokenGenerator(signing);
    return {
      client,
      apiKey: client.apiKey,
      archives: client.archives,
      generateToken: (sessionId, tokenOptions) => {
        if (sessionId === '') throw new InvalidSessionIdError('sessionId', 'Null or empty session ID is not valid');
        return sign(sessionId, tokenOptions);
      },
      createSession: (sessionOptions) => client.createSession(sessionOptions),
      getArchiveManifest: (archiveId, legacyOptions) => client.getArchiveManifest(archiveId, legacyOptions),
      getArchiveDownloadUrl: (archiveId, videoId, legacyOptions) =>
        client.getArchiveDownloadUrl(archiveId, videoId, legacyOptions),
    };
  }
}
