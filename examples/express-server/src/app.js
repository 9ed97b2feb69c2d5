/**
 * The request handler: one session made at start, a fresh token for every visitor. It is a
 * plain `(request, response)` function, so `node:http` serves it as is and Express mounts it
 * unchanged (`app.get('/', handler)`).
 * @module
 */
import OpenTok from 'opentok';
import { createCallbackHandler } from './callbacks.js';

/** Roles a visitor may ask for; `moderator` is never handed to anonymous visitors. */
const VISITOR_ROLES = new Set(['publisher', 'subscriber']);

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * Renders the page a visitor sees.
 * @param {{ apiKey: string, sessionId: string, token: string, role: string }} values
 * @returns {string}
 */
export function renderPage({ apiKey, sessionId, token, role }) {
  const row = (label, value) => `<tr><th>${label}</th><td><code>${escapeHtml(value)}</code></td></tr>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>OpenTok token server</title>
<style>body{font:16px/1.4 system-ui,sans-serif;margin:2rem}th{text-align:left;padding-right:1rem}code{word-break:break-all}</style>
</head>
<body>
<h1>Your OpenTok credentials</h1>
<table>
${row('API key', apiKey)}
${row('Session ID', sessionId)}
${row(`Token (${role})`, token)}
</table>
<p>Reload for a new token. Pass them to OpenTok.js:
<code>OT.initSession(apiKey, sessionId).connect(token, callback)</code>.</p>
</body>
</html>
`;
}

/**
 * Creates the session and returns the request handler. With `callbackPath` (keep a long random
 * segment in it: signatures are not checked) and `downloads`, `POST callbackPath`
 * takes the project's callbacks and downloads every archive that becomes available.
 * @param {{ apiKey: string, apiSecret: string, apiUrl?: string, log?: (line: string) => void, callbackPath?: string, downloads?: string, signatureSecret?: string }} settings (`signatureSecret`: verify signed callbacks)
 * @returns {Promise<{ sessionId: string, opentok: OpenTok, handler: (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => void, callbacks?: ReturnType<typeof createCallbackHandler> }>}
 * @example
 * const { handler } = await createApp({ apiKey, apiSecret })
 * http.createServer(handler).listen(3000)
 */
export async function createApp({
  apiKey,
  apiSecret,
  apiUrl,
  log = () => {},
  callbackPath,
  downloads,
  signatureSecret,
}) {
  const opentok = new OpenTok(apiKey, apiSecret, apiUrl ? { apiUrl } : {});
  const { sessionId } = await opentok.createSession({ mediaMode: 'routed' });
  log(`session ${sessionId}`);
  const callbacks =
    callbackPath && downloads ? createCallbackHandler({ opentok, downloads, log, signatureSecret }) : undefined;

  const handler = (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (status, type, body) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (callbacks && request.method === 'POST' && url.pathname === callbackPath) {
      callbacks.handle(request, response).catch(() => response.destroy());
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    }
    if (url.pathname !== '/' && url.pathname !== '/token') return send(404, 'text/plain; charset=utf-8', 'Not found\n');
    const role = url.searchParams.get('role') ?? 'publisher';
    if (!VISITOR_ROLES.has(role)) {
      return send(400, 'text/plain; charset=utf-8', 'role must be publisher or subscriber\n');
    }
    const token = opentok.generateToken(sessionId, { role });
    log(`${request.method} ${url.pathname} → a ${role} token`);
    if (url.pathname === '/token') {
      return send(200, 'application/json', JSON.stringify({ apiKey: opentok.apiKey, sessionId, token }));
    }
    return send(200, 'text/html; charset=utf-8', renderPage({ apiKey: opentok.apiKey, sessionId, token, role }));
  };
  return { sessionId, opentok, handler, callbacks };
}
