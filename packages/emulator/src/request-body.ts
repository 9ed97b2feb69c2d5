/**
 * Reading request bodies: JSON objects and form fields, with a clear 400 for anything else.
 * @module
 */
import type { Context } from 'hono';
import type { EmulatorEnv } from './app-env.js';
import { badRequest } from './problem.js';

/** Deepest nesting of arrays and objects accepted in a JSON body; deeper ones get a 400. */
export const JSON_DEPTH_LIMIT = 64;

/**
 * The deepest nesting of `[` and `{` in JSON text, counted outside strings in one pass, so a
 * body nested thousands of levels deep is refused before anything recurses over it.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Reads the body as a JSON object; an empty body is `{}` (py sends none on stop). The size
 * is capped by the body reader (413); nesting deeper than {@link JSON_DEPTH_LIMIT} is a 400.
 */
export function readJsonObject(context: Context<EmulatorEnv>): Record<string, unknown> {
  const text = context.get('body') ?? '';
  if (text.trim() === '') return {};
  if (jsonDepth(text) > JSON_DEPTH_LIMIT) {
    throw badRequest(`The request body is nested deeper than ${JSON_DEPTH_LIMIT} levels.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** Reads the body as form fields, whatever the declared content type (node 0.1 sent a bogus one). */
export function readForm(context: Context<EmulatorEnv>): URLSearchParams {
  const text = context.get('body') ?? '';
  if (text.includes('\0')) throw badRequest('The form body contains a NUL character.');
  return new URLSearchParams(text);
}

/** An optional boolean field (`null` counts as absent, as py sends it). */
export function optionalBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${name} must be true or false.`);
  return value;
}

/**
 * An optional boolean field as the newer routes read it: `true`/`false`, or the strings
 * `"true"`/`"false"` that rb sends; `null` counts as absent.
 */
export function lenientBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === 'true') return true;
  if (value === 'false') return false;
  return optionalBoolean(body, name);
}

/** An optional string field (`null` counts as absent). */
export function optionalString(body: Record<string, unknown>, name: string, maxLength = 1000): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > maxLength) {
    throw badRequest(`${name} must be a string of at most ${maxLength} characters.`);
  }
  return value;
}

/** An optional string field restricted to some values. */
export function optionalChoice<T extends string>(
  body: Record<string, unknown>,
  name: string,
  choices: readonly T[],
): T | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!choices.includes(value as T)) throw badRequest(`${name} must be one of: ${choices.join(', ')}.`);
  return value as T;
}

/** An optional integer field within bounds. */
export function optionalInteger(
  body: Record<string, unknown>,
  name: string,
  minimum: number,
  maximum: number,
): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw badRequest(`${name} must be a whole number from ${minimum} to ${maximum}.`);
  }
  return value;
}

/** Rejects fields this endpoint does not know, as the service's request validation does. */
export function rejectUnknown(body: Record<string, unknown>, known: readonly string[]): void {
  for (const name of Object.keys(body)) {
    if (!known.includes(name)) throw badRequest(`Unknown parameter: ${name.slice(0, 64)}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an ID from the path is a UUID; anything else is a 400. */
export function uuidParameter(value: string | undefined, what: string): string {
  if (value === undefined || !UUID.test(value)) throw badRequest(`Invalid ${what} ID.`);
  return value.toLowerCase();
}
