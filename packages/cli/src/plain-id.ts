/**
 * The check of an ID that a server gave before a file is named after it: the service's IDs
 * (archives, legacy videos) are UUIDs, and so are the emulator's (`randomUUID`), so anything
 * else, such as `../../x`, is refused rather than trusted as a file name.
 * @module
 */
import { escapeText } from './escape.js';
import { CliError } from './failure.js';

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/**
 * Returns `id` when it is a plain ID (a UUID).
 * @param what what the ID is of, for the message, such as `archive ID`.
 * @throws {CliError} (exit 1) naming the problem, the value shown escaped and shortened.
 * @example
 * const file = `${checkPlainId(archive.id, 'archive ID')}.mp4`
 */
export function checkPlainId(id: unknown, what: string): string {
  if (typeof id === 'string' && UUID.test(id)) return id;
  const shown = typeof id === 'string' ? `"${escapeText(id.slice(0, 80))}${id.length > 80 ? '…' : ''}"` : typeof id;
  throw new CliError(`the server gave the ${what} ${shown}, which is not a plain ID (a UUID): nothing was downloaded`);
}
