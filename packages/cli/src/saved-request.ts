/**
 * Reads a saved HTTP request, as `opentok callback verify` gets it: either the request as sent
 * on the wire (a request line, header lines, an empty line, the body byte for byte; CRLF or LF),
 * or JSON `{ "headers": { … }, "body": "…" }` (`bodyBase64` for bytes that are no text).
 * @module
 */
import { usageError } from './failure.js';

/** The headers (names lower case) and the raw body of a saved request. */
export interface SavedRequest {
  headers: Record<string, string>;
  body: Uint8Array;
}

const HEADER_LINE = /^([!#$%&'*+.^`|~\w-]+):[ \t]*(.*?)[ \t]*$/;

function fromJson(text: string): SavedRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const { headers, body, bodyBase64 } = (value ?? {}) as Record<string, unknown>;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return undefined;
  if (typeof body !== 'string' && typeof bodyBase64 !== 'string') return undefined;
  const lower: Record<string, string> = {};
  for (const [name, header] of Object.entries(headers)) {
    if (typeof header === 'string') lower[name.toLowerCase()] = header;
  }
  const bytes =
    typeof bodyBase64 === 'string' ? Buffer.from(bodyBase64, 'base64') : Buffer.from(body as string, 'utf8');
  return { headers: lower, body: new Uint8Array(bytes) };
}

/**
 * The headers and body of a saved request.
 * @throws {CliError} (usage) for a file that is neither form.
 */
export function parseSavedRequest(bytes: Uint8Array): SavedRequest {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('latin1');
  if (text.trimStart().startsWith('{')) {
    const json = fromJson(buffer.toString('utf8'));
    if (json) return json;
  }
  const end = /\r?\n\r?\n/.exec(text);
  if (!end) throw usageError('the saved request has no empty line between its headers and its body');
  const lines = text.slice(0, end.index).split(/\r?\n/);
  // The request line (`POST /hooks HTTP/1.1`) is optional.
  if (lines[0] !== undefined && /^[A-Z]+ \S+ HTTP\/\d(\.\d)?$/.test(lines[0])) lines.shift();
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const match = HEADER_LINE.exec(line);
    // The line is not quoted: it may hold the token.
    if (!match) throw usageError('the saved request has a line that is no header before its empty line');
    const name = (match[1] as string).toLowerCase();
    headers[name] = headers[name] === undefined ? (match[2] as string) : `${headers[name]}, ${match[2]}`;
  }
  return { headers, body: new Uint8Array(buffer.subarray(end.index + end[0].length)) };
}
