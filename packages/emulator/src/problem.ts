/**
 * The one error type route handlers and the store throw to answer a request with an error
 * status. The app's error handler turns it into the service's error body (see `respond.ts`).
 * @module
 */
import { OpenTokError } from '@opentok/token';

/** Details of an error answer. */
export interface ProblemDetails {
  /** The `code` field of the body; the service uses `-1` for some errors. @default status */
  code?: number;
  /** The `description` field of the body, when the service sends one. */
  description?: string;
  /** A machine-readable reason, sent by the control API (for example `signature`). */
  reason?: string;
}

/**
 * An HTTP error answer raised inside the emulator. Its message is sent to the client, so it
 * never contains a secret or a whole token.
 * @example
 * throw new EmulatorProblem(404, 'Not found. You passed in an invalid archive ID.', { code: -1 })
 */
export class EmulatorProblem extends OpenTokError {
  /** The HTTP status to answer with. */
  readonly status: number;
  /** The `code` field of the error body. */
  readonly code: number;
  /** The optional `description` field of the error body. */
  readonly description: string | undefined;
  /** The optional machine-readable reason (control API). */
  readonly reason: string | undefined;
  override get name(): string {
    return 'EmulatorProblem';
  }
  constructor(status: number, message: string, details: ProblemDetails = {}) {
    super(message);
    this.status = status;
    this.code = details.code ?? status;
    this.description = details.description;
    this.reason = details.reason;
  }
}

/** Shorthand for a 400 answer. */
export const badRequest = (message: string): EmulatorProblem => new EmulatorProblem(400, message);
