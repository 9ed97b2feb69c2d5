/**
 * The connector stores on their own, where a route cannot reach in a test's time: the maximum
 * duration of renders and captions (the service's minimums are 60 and 300 seconds), and
 * closing (no timer or socket outlives the emulator).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../test/connectors.js';
import { AudioConnectorStore } from './audio-connector-store.js';
import { CaptionsStore } from './captions-store.js';
import { RenderStore } from './render-store.js';
import { SessionStore } from './session-store.js';

function routedSession() {
  const sessions = new SessionStore(Date.now);
  const session = sessions.create('123456', {
    mediaMode: 'routed',
    archiveMode: 'manual',
    e2ee: false,
    location: undefined,
    archiveName: undefined,
    archiveResolution: undefined,
  });
  sessions.connect(session, 'publisher', undefined, { name: 'host', videoType: 'camera', layoutClassList: [] });
  return { sessions, session };
}

describe('maximum durations', () => {
  it('stops a render at maxDuration with the reason, and its connection leaves', async () => {
    const { sessions, session } = routedSession();
    const renders = new RenderStore(sessions, Date.now);
    // A page that never answers: the render is still starting when its maximum duration comes.
    const hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const render = renders.start(session, 'publisher', undefined, {
      url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/stage`,
      maxDuration: 0.05,
      resolution: '1280x720',
      name: 'stage',
      statusCallbackUrl: undefined,
    });
    await waitFor(() => (render.status === 'starting' ? undefined : true));
    expect(render).toMatchObject({ status: 'stopped', reason: 'Max duration exceeded' });
    expect([...session.connections.values()].map((connection) => connection.kind)).toEqual(['client']);
    renders.close();
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
  });

  it('stops captions at maxDuration and records captionsStopped', async () => {
    const { sessions, session } = routedSession();
    const captions = new CaptionsStore(sessions, Date.now);
    const job = captions.start(session, {
      languageCode: 'en-US',
      maxDuration: 0.02,
      partialCaptions: true,
      statusCallbackUrl: undefined,
    });
    await waitFor(() => (job.status === 'stopped' ? true : undefined));
    expect(job.reason).toBe('Maximum duration exceeded');
    expect(sessions.feed.after(session.id).map((event) => event.event)).toContain('captionsStopped');
    captions.close();
  });
});

describe('closing', () => {
  it('ends running connectors and clears their timers', () => {
    const { sessions, session } = routedSession();
    const captions = new CaptionsStore(sessions, Date.now);
    const connectors = new AudioConnectorStore(sessions, Date.now);
    const job = captions.start(session, {
      languageCode: 'en-US',
      maxDuration: 0.02,
      partialCaptions: true,
      statusCallbackUrl: undefined,
    });
    const connector = connectors.start(session, 'publisher', undefined, {
      uri: 'ws://127.0.0.1:9/audio',
      streams: undefined,
      headers: undefined,
      audioRate: 16000,
      bidirectional: false,
    });
    captions.close();
    connectors.close();
    expect(connector).toMatchObject({ status: 'stopped', reason: 'Emulator closed' });
    expect(job.status).toBe('started');
  });
});
