/**
 * The Express app: one session made at start, a fresh token for every visitor, and the
 * project's callbacks. An Express app is itself a `(request, response)` handler, so it also
 * mounts in a bigger app (`parent.use('/video', app)`) or serves from `node:http` as is.
 * @module
 */
import express from 'express';
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
 * Creates the session and returns the Express app. With `callbackPath` (keep a long random
 * segment in it: signatures are not checked) and `downloads`, `POST callbackPath`
 * takes the project's callbacks and downloads every archive that becomes available.
 * @param {{ apiKey: string, apiSecret: string, apiUrl?: string, log?: (line: string) => void, callbackPath?: string, downloads?: string }} settings
 * @returns {Promise<{ sessionId: string, opentok: OpenTok, app: import('express').Express, handler: import('express').Express, callbacks?: ReturnType<typeof createCallbackHandler> }>}
 *   `handler` is `app` (the name of earlier versions of this example)
 * @example
 * const { app } = await createApp({ apiKey, apiSecret })
 * app.listen(3000)
 */
export async function createApp({ apiKey, apiSecret, apiUrl, log = () => {}, callbackPath, downloads }) {
  const opentok = new OpenTok(apiKey, apiSecret, apiUrl ? { apiUrl } : {});
  const { sessionId } = await opentok.createSession({ mediaMode: 'routed' });
  log(`session ${sessionId}`);
  const callbacks = callbackPath && downloads ? createCallbackHandler({ opentok, downloads, log }) : undefined;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_request, response, next) => {
    response.set('cache-control', 'no-store');
    next();
  });
  if (callbacks) {
    // No body parser: the handler reads the raw body itself, up to a limit.
    app.post(callbackPath, (request, response) => {
      callbacks.handle(request, response).catch(() => response.destroy());
    });
  }
  app.get(['/', '/token'], (request, response) => {
    const role = typeof request.query.role === 'string' ? request.query.role : 'publisher';
    if (!VISITOR_ROLES.has(role)) {
      response.status(400).type('text/plain').send('role must be publisher or subscriber\n');
      return;
    }
    const token = opentok.generateToken(sessionId, { role });
    log(`${request.method} ${request.path} → a ${role} token`);
    if (request.path === '/token') response.json({ apiKey: opentok.apiKey, sessionId, token });
    else response.type('html').send(renderPage({ apiKey: opentok.apiKey, sessionId, token, role }));
  });
  app.use((request, response) => {
    if (request.method === 'GET' || request.method === 'HEAD') {
      response.status(404).type('text/plain').send('Not found\n');
    } else {
      response.status(405).set('allow', 'GET, HEAD').type('text/plain').send('Method not allowed\n');
    }
  });
  return { sessionId, opentok, app, handler: app, callbacks };
}
