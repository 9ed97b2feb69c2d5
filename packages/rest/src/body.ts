/**
 * Reading answers: JSON or XML chosen by content type, each failure a `ResponseParseError`
 * with a short, redacted excerpt; the legacy `<Errors>` body sent with HTTP 200 becomes the
 * error its `code` names.
 * @module
 */
import { errorForStatus } from './error-mapping.js';
import type { Answer } from './request.js';
import { children, loadXmlParser, text, type XmlElement } from './xml.js';

/**
 * `video.api.vonage.com` names the owner `applicationId` where `api.opentok.com` says
 * `projectId`: such an object gets `projectId` too, so both map to the same typed results.
 */
function withProjectId(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && 'applicationId' in value && !('projectId' in value)) {
    return { ...value, projectId: (value as { applicationId: unknown }).applicationId };
  }
  return value;
}

/** Parses the answer as JSON (`applicationId` also read as `projectId`). */
export function readJson(answer: Answer): unknown {
  try {
    return answer.body.includes('"applicationId"') ? JSON.parse(answer.body, withProjectId) : JSON.parse(answer.body);
  } catch {
    // No cause: the SyntaxError quotes the body, which the redacted excerpt already shows safely.
    throw answer.parseError('the answer is not valid JSON');
  }
}

/**
 * Parses the answer as XML, turning a legacy `<Errors>` document into the error it reports.
 * Loads the parser on first use (a failed load rejects with the loader's error, not as a
 * parse error).
 */
export async function readXml(answer: Answer): Promise<XmlElement> {
  const parseXml = await loadXmlParser();
  let document: XmlElement;
  try {
    document = parseXml(answer.body);
  } catch (error) {
    throw answer.parseError(error instanceof Error ? error.message : 'the answer is not XML');
  }
  const failure = children(document.Errors, 'error')[0];
  if (failure) {
    const code = Number(text(failure, 'code'));
    const status = Number.isInteger(code) && code >= 400 && code < 600 ? code : 500;
    let message: string | undefined;
    for (const [name, value] of Object.entries(failure)) {
      if (name !== 'code' && typeof value === 'object' && value !== null) message ??= text(value, 'message');
    }
    throw errorForStatus(status, {
      method: answer.method,
      path: answer.path,
      status,
      serviceMessage: message === undefined ? undefined : answer.hide(message, 200),
    });
  }
  return document;
}

/** `true` when the answer says it is JSON (`application/json` or a `+json` type). */
export const isJson = (answer: Answer): boolean =>
  answer.contentType === 'application/json' || answer.contentType.endsWith('+json');

/** `true` when the answer says it is XML (`text/xml`, `application/xml` or a `+xml` type). */
export const isXml = (answer: Answer): boolean => /^(text|application)\/xml$|\+xml$/.test(answer.contentType);
