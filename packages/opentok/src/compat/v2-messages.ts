/**
 * The words of 2.x's errors: what each 2.x method's failures say, applied by one binder.
 * @module
 */

/** What 2.x's messages begin with, by HTTP status, and the prefix some methods add. */
export interface Wording {
  prefix?: string;
  byStatus?: Partial<Record<number, string>>;
}

const AUTH_WORDS = 'Invalid API key or secret';

/** Our typed error, its message made to begin as 2.x's does (the class, status and cause stay). */
export function reword(error: unknown, wording: Wording): unknown {
  if (!(error instanceof Error)) return error;
  const status = (error as { status?: unknown }).status;
  let message = error.message;
  const head =
    status === 401 || status === 403 ? AUTH_WORDS : typeof status === 'number' ? wording.byStatus?.[status] : undefined;
  if (head !== undefined && !message.startsWith(head)) message = `${head}: ${message}`;
  if (wording.prefix !== undefined) message = `${wording.prefix} ${message}`;
  if (message !== error.message) {
    Object.defineProperty(error, 'message', { value: message, writable: true, configurable: true, enumerable: false });
  }
  return error;
}
