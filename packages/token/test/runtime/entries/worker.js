// A Cloudflare Worker (module syntax) as a user would write one:
// - `POST /probe` with the node build's vectors: the full probe report;
// - `GET /token?session=...&role=...&format=...`: a fresh client token;
// - `POST /verify` with a token: its claims, or 401 with the error's name and reason.
import * as library from '@opentok/token';
import { CREDENTIALS, probe } from '../probe.ts';

const { generateToken, InvalidTokenError, OpenTokError, verifyToken } = library;

export default {
  async fetch(request) {
    const url = new URL(request.url);
    try {
      if (url.pathname === '/probe') return Response.json(probe(library, await request.json()));
      if (url.pathname === '/token') {
        const role = url.searchParams.get('role') ?? 'publisher';
        const format = url.searchParams.get('format') === 't1' ? 't1' : 'jwt';
        return new Response(generateToken(CREDENTIALS, url.searchParams.get('session') ?? '', { role, format }));
      }
      if (url.pathname === '/verify') return Response.json(verifyToken(await request.text(), CREDENTIALS));
      return new Response('not found', { status: 404 });
    } catch (error) {
      if (!OpenTokError.isInstance(error)) throw error;
      const reason = InvalidTokenError.isInstance(error) ? error.reason : undefined;
      return Response.json({ error: error.name, reason }, { status: InvalidTokenError.isInstance(error) ? 401 : 400 });
    }
  },
};
