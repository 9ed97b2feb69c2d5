/**
 * How a failure becomes an exit code and one line on stderr: 2 for usage errors (bad flags,
 * bad arguments, missing credentials), 1 for everything the API or the network refused.
 * @module
 */
import { escapeText } from './escape.js';

/** Exit codes of the `opentok` command. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** A failure the CLI itself reports, with the exit code it ends with. */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.failure) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A usage error: exit code 2. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

/** What a failure is reported as. */
export interface FailureReport {
  exitCode: number;
  /** One line, no trailing newline, no secret; control and bidi characters escaped (`escapeText`). */
  message: string;
  /**
   * The JSON form (`--json`): the error's name, and status and service message for API errors.
   * Its message is the same line unescaped (JSON escapes on its own).
   */
  json: { name: string; message: string; status?: number; serviceMessage?: string; reason?: string };
}

const USAGE_ERRORS = new Set(['InvalidArgumentError', 'InvalidSessionIdError', 'UsageError']);
const PACKAGE_PREFIX = /^\[(?:@opentok\/[\w-]+|opentok)\]\s*/;

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/**
 * Turns anything thrown into an exit code and one line of text. The given secrets are
 * replaced wherever they appear, although the SDK never puts one in a message. Line breaks
 * become spaces, and whatever else could drive a terminal is escaped, since a service's
 * message is text from others.
 */
export function describeFailure(error: unknown, secrets: readonly string[] = []): FailureReport {
  const name = typeof field(error, 'name') === 'string' ? (field(error, 'name') as string) : 'Error';
  const raw = error instanceof Error ? error.message : String(error);
  let message =
    raw
      .replace(PACKAGE_PREFIX, '')
      .replace(/\s*[\r\n]+\s*/g, ' ')
      .trim() || name;
  let exitCode: number = EXIT.failure;
  if (error instanceof CliError) exitCode = error.exitCode;
  else if (USAGE_ERRORS.has(name)) exitCode = EXIT.usage;
  const status = field(error, 'status');
  const serviceMessage = field(error, 'serviceMessage');
  const reason = field(error, 'reason');
  if (name === 'InvalidTokenError' && typeof reason === 'string')
    message = `token is not valid (${reason}): ${message}`;
  if (name === 'TokenExpiredError') message = `token has expired: ${message}`;
  for (const secret of secrets) {
    if (secret) message = message.split(secret).join('[redacted]');
  }
  const json: FailureReport['json'] = { name, message };
  if (typeof status === 'number') json.status = status;
  if (typeof serviceMessage === 'string') json.serviceMessage = serviceMessage;
  if (typeof reason === 'string') json.reason = reason;
  return { exitCode, message: escapeText(message), json };
}
