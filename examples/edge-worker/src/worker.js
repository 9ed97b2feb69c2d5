/**
 * A Cloudflare Worker that signs OpenTok client tokens at the edge, with `@opentok/token`
 * alone: no Node APIs, no network, a few KB. Configure the secret with
 * `wrangler secret put OPENTOK_API_SECRET` and the key as a plain variable.
 *
 * `GET /token?sessionId=…&role=publisher|subscriber[&data=…]` → `{ apiKey, sessionId, token }`.
 * @module
 */
import { createTokenGenerator, OpenTokError } from '@opentok/token';

/** Roles a caller may ask for; moderator tokens are not handed out by a public endpoint. */
const ROLES = new Set(['publisher', 'subscriber']);

/** One generator per isolate and key: the per-key work is done once, not per request. */
let cached;
function generatorFor(env) {
  if (cached?.apiKey !== env.OPENTOK_API_KEY) {
    cached = {
      apiKey: env.OPENTOK_API_KEY,
      sign: createTokenGenerator({ apiKey: env.OPENTOK_API_KEY, apiSecret: env.OPENTOK_API_SECRET }),
    };
  }
  return cached.sign;
}

const json = (status, body) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

export default {
  /**
   * @param {Request} request
   * @param {{ OPENTOK_API_KEY: string, OPENTOK_API_SECRET: string }} env
   * @returns {Promise<Response>}
   */
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== '/token') return json(404, { error: 'Not found' });
    if (request.method !== 'GET') return json(405, { error: 'Method not allowed' });
    const sessionId = url.searchParams.get('sessionId') ?? '';
    const role = url.searchParams.get('role') ?? 'publisher';
    const data = url.searchParams.get('data') ?? undefined;
    if (!ROLES.has(role)) return json(400, { error: 'role must be publisher or subscriber' });
    try {
      const token = generatorFor(env)(sessionId, { role, data });
      return json(200, { apiKey: env.OPENTOK_API_KEY, sessionId, token });
    } catch (error) {
      // Our errors carry safe messages (never the secret); anything else stays opaque.
      if (OpenTokError.isInstance(error)) return json(400, { error: error.message, name: error.name });
      return json(500, { error: 'Internal error' });
    }
  },
};
