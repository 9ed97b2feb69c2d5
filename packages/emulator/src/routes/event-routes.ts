/**
 * The event feed of a session over HTTP, under `/_emulator/sessions/{sessionId}/events`:
 * JSON (`?after=<seq>`, ordered, `after=0` gives everything), or a live stream of
 * server-sent events when the request accepts `text/event-stream` (each event's `id` is its
 * sequence number, so `Last-Event-ID` resumes where a dropped stream stopped).
 * @module
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { EmulatorEnv } from '../app-env.js';
import { sessionIdParameter } from '../clients.js';
import { badRequest } from '../problem.js';
import type { EmulatorState } from '../state.js';

/** Reads a sequence number (`after`, `Last-Event-ID`): a whole number, 0 when absent. */
export function sequenceParameter(value: string | undefined, name: string): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d{1,15}$/.test(value)) throw badRequest(`${name} must be a whole number (a sequence number).`);
  return Number(value);
}

/** The event feed routes, mounted at `/_emulator`. */
export function eventRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const feed = state.sessions.feed;

  routes.get('/sessions/:sessionId/events', (context) => {
    context.set('jsonErrors', true);
    const session = state.sessions.get(sessionIdParameter(context.req.param('sessionId')));
    const lastEventId = context.req.header('last-event-id');
    const after =
      lastEventId === undefined
        ? sequenceParameter(context.req.query('after'), 'after')
        : sequenceParameter(lastEventId, 'Last-Event-ID');
    const accept = (context.req.header('accept') ?? '').toLowerCase();
    if (!accept.includes('text/event-stream')) {
      return context.json({
        sessionId: session.id,
        lastSeq: feed.lastSeq(session.id),
        events: feed.after(session.id, after),
      });
    }
    return streamSSE(context, async (stream) => {
      const ended = new AbortController();
      stream.onAbort(() => ended.abort());
      // A comment first, so a client sees the stream open before the first event.
      await stream.write(': opentok-emulator session events\n\n');
      for await (const event of feed.follow(session.id, after, ended.signal)) {
        await stream.writeSSE({ event: event.event, id: String(event.seq), data: JSON.stringify(event) });
      }
    });
  });

  return routes;
}
