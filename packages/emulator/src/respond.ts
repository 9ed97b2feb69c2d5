/**
 * Answer bodies in the service's formats: JSON or the XML `errorPayload` chosen by the
 * request's `Accept` header (docs/protocol.md §7.1), and XML escaping.
 * @module
 */
import type { Context } from 'hono';
import type { EmulatorProblem } from './problem.js';

/** `true` when the request accepts JSON: the service then answers JSON, else XML. */
export function acceptsJson(accept: string | undefined): boolean {
  return (accept ?? '').toLowerCase().includes('application/json');
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for an XML element or a double-quoted attribute; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  let result = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    result += XML_ENTITIES[char] ?? char;
  }
  return result;
}

/** The JSON error body: `{code, message, description?}` (plus `reason` from the control API). */
export function problemJson(problem: EmulatorProblem): Record<string, unknown> {
  const body: Record<string, unknown> = { code: problem.code, message: problem.message };
  if (problem.description !== undefined) body.description = problem.description;
  if (problem.reason !== undefined) body.reason = problem.reason;
  return body;
}

/** The XML `errorPayload` body of 2014 onwards. */
export function problemXml(problem: EmulatorProblem): string {
  const description =
    problem.description === undefined ? '' : `<description>${escapeXml(problem.description)}</description>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><errorPayload>' +
    `<code>${problem.code}</code><message>${escapeXml(problem.message)}</message>${description}</errorPayload>`
  );
}

/**
 * Answers with the error body the request asked for: JSON when it accepts JSON (always for
 * the control API), else XML.
 */
export function problemResponse(context: Context, problem: EmulatorProblem, forceJson = false): Response {
  const headers = { 'Cache-Control': 'no-store' };
  if (forceJson || acceptsJson(context.req.header('accept'))) {
    return context.json(problemJson(problem), problem.status as 400, headers);
  }
  return context.body(problemXml(problem), problem.status as 400, { ...headers, 'Content-Type': 'application/xml' });
}
