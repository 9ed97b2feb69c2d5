/**
 * The `X-OPENTOK-AUTH` token of a project, signed once and reused for a short window instead of
 * for every call. Signing builds an HMAC key from the secret each time: 13–14 µs in a hot loop
 * on Node 22 and 24, more between requests; reusing the token took `createSession`'s client CPU
 * to 0.84× on Node 24 and 0.91× on Node 22 (the builds before and after side by side against the
 * emulator, paired rounds as in bench/src/rest.bench.ts). The
 * official 2.x client signs per call but with a whole-second `iat` and no `jti`, so its calls
 * within one second carry the same token too.
 * @module
 */
import { generateRestToken, type ProjectCredentials } from '@opentok/token';

/**
 * How long one token is reused, in ms: well under its 300 s lifetime (generateRestToken's
 * default `ttl`), so every token sent has more than 298 s left.
 */
export const REST_TOKEN_REUSE_MS = 1000;

/**
 * Returns a function that gives a valid REST token for the project (its credentials as given,
 * with the mark of `allowAnyApiKey` where the 2.x class set it), signing a new one when the
 * last is {@link REST_TOKEN_REUSE_MS} old (or the clock went back).
 * @throws whatever `generateRestToken` throws for invalid credentials, on the first call.
 */
export function createRestTokenSource(project: ProjectCredentials): () => string {
  let token = '';
  let signedAt = Number.NEGATIVE_INFINITY;
  return () => {
    const now = Date.now();
    if (now - signedAt >= REST_TOKEN_REUSE_MS || now < signedAt) {
      token = generateRestToken(project);
      signedAt = now;
    }
    return token;
  };
}
