/**
 * `POST /session/create` and `POST /hl/session/create` (docs/protocol.md §5.1, §6.1).
 * @module
 */
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { authenticateRequest } from '../auth.js';
import { formatJavaDate } from '../java-date.js';
import type { SessionRecord } from '../model.js';
import { readForm } from '../request-body.js';
import { acceptsJson } from '../respond.js';
import { parseSessionForm } from '../session-form.js';
import type { EmulatorState } from '../state.js';

/** The JSON answer: an array of one object with the 2025 field set. */
function sessionJson(session: SessionRecord): unknown[] {
  return [
    {
      session_id: session.id,
      project_id: session.apiKey,
      partner_id: session.apiKey,
      create_dt: formatJavaDate(session.createdAt),
      session_status: null,
      status_invalid: null,
      media_server_hostname: null,
      messaging_server_url: null,
      messaging_url: null,
      symphony_address: null,
      properties: null,
      ice_server: null,
      session_segment_id: randomUUID(),
      ice_servers: null,
      ice_credential_expiration: 86100,
    },
  ];
}

/** The XML answer, shape B: one line with the prolog, `<sessions><Session>…`. */
function sessionXml(session: SessionRecord): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sessions><Session>' +
    `<session_id>${session.id}</session_id><partner_id>${session.apiKey}</partner_id>` +
    `<create_dt>${formatJavaDate(session.createdAt)}</create_dt></Session></sessions>`
  );
}

/** Routes that create sessions. */
export function sessionRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const create = (context: Context<EmulatorEnv>) => {
    const project = authenticateRequest((name) => context.req.header(name), state);
    const options = parseSessionForm(readForm(context));
    const session = state.sessions.create(project.apiKey, options);
    if (acceptsJson(context.req.header('accept'))) return context.json(sessionJson(session));
    return context.body(sessionXml(session), 200, { 'Content-Type': 'text/xml' });
  };
  routes.post('/session/create', create);
  routes.post('/hl/session/create', create);
  return routes;
}
