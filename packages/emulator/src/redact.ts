/**
 * What the emulator's own views (`GET /_emulator/state`, the session event feed, callbacks
 * derived from it) show of credentials a client gave it: header names without values, and
 * URLs without their userinfo, query values or fragment. The stored values, used for the real
 * connections, stay intact; only what is shown goes through here.
 * @module
 */

/** What replaces a hidden value. */
export const REDACTED = '***';

/** The names of custom headers, never their values (an `Authorization` value is a credential). */
export function headerNames(headers: Readonly<Record<string, string>> | undefined): string[] {
  return Object.keys(headers ?? {});
}

/**
 * A URL as views show it: userinfo (`wss://user:pass@host`) becomes `***`, the password of a
 * SIP URI (`sip:alice:pass@host`) too (the user part is the address called), every query
 * parameter's value becomes `***` (`?token=***&room=***`), and a fragment becomes `#***`.
 * Scheme, host, port, path and SIP `;parameters` stay. Never throws.
 * @example
 * redactUrl('wss://bot:pw@example.com/audio?token=abc') // 'wss://***@example.com/audio?token=***'
 */
export function redactUrl(url: string): string {
  if (typeof url !== 'string') return url;
  let rest = url;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = hash < rest.length - 1 ? `#${REDACTED}` : '#';
    rest = rest.slice(0, hash);
  }
  let query = '';
  const question = rest.indexOf('?');
  if (question >= 0) {
    query = `?${rest
      .slice(question + 1)
      .split('&')
      .map((pair) => {
        if (pair === '') return pair;
        const equals = pair.indexOf('=');
        return equals >= 0 ? `${pair.slice(0, equals)}=${REDACTED}` : REDACTED;
      })
      .join('&')}`;
    rest = rest.slice(0, question);
  }
  const hierarchical = /^([a-z][a-z0-9+.-]*:\/\/)([^/]*)@/i.exec(rest);
  if (hierarchical) {
    rest = `${hierarchical[1]}${REDACTED}@${rest.slice(hierarchical[0].length)}`;
  } else {
    // sip:user:password@host;params: the password goes, the user (the number or name called) stays.
    const sip = /^(sips?:)([^@;]*)@/i.exec(rest);
    const colon = sip?.[2]?.indexOf(':') ?? -1;
    if (sip && colon >= 0) {
      rest = `${sip[1]}${sip[2]?.slice(0, colon)}:${REDACTED}@${rest.slice(sip[0].length)}`;
    }
  }
  return rest + query + fragment;
}
