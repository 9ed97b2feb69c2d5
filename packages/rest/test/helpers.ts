/** Shared bits of the unit tests: fixtures and answers built without any server. */
import { readFileSync } from 'node:fs';
import { redact } from '../src/redact.js';
import { type Answer, createAnswer, type HttpMethod } from '../src/request.js';

export const SECRET = '1234567890abcdef1234567890abcdef1234567890';
export const API_KEY = '123456';

/** A fixture file's text, from `src/__fixtures__`. */
export const fixture = (path: string): string =>
  readFileSync(new URL(`../src/__fixtures__/${path}`, import.meta.url), 'utf8');

/** An answer as the request core would hand it to a resource module. */
export function answer(
  body: string,
  contentType = 'application/json',
  status = 200,
  method: HttpMethod = 'GET',
): Answer {
  return createAnswer(status, contentType, body, { method, path: '/test/path' }, (value, limit) =>
    redact(value, SECRET, limit),
  );
}
