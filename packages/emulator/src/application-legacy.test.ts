/**
 * The OpenTok 1.0 archive API with a Vonage application's Bearer token: refused with 403 even
 * for the application's own archive (the Vonage host has no 1.0 API), while a project reads its
 * manifest as before.
 */
import { generateRestToken, generateToken } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { API_KEY, call, connect, createSession, emulator, PARTNER_AUTH } from '../test/support.js';
import { createApplicationKeys } from './applications.js';

const keys = createApplicationKeys();
const application = { applicationId: keys.applicationId, privateKey: keys.privateKey };
const bearer = () => ({ authorization: `Bearer ${generateRestToken(application)}`, accept: 'application/json' });

describe('the 1.0 archive API and a Vonage application', () => {
  it('refuses the application (403) and still serves a project', async () => {
    const { url } = await emulator({ applications: [keys] });
    const created = await fetch(`${url}/session/create`, {
      method: 'POST',
      headers: bearer(),
      body: new URLSearchParams({ 'p2p.preference': 'disabled' }),
    });
    const [session] = (await created.json()) as Array<{ session_id: string }>;
    const sessionId = session?.session_id ?? '';
    await fetch(`${url}/_emulator/sessions/${sessionId}/connections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: generateToken(application, sessionId), publish: true }),
    });
    const started = await fetch(`${url}/v2/project/${keys.applicationId}/archive`, {
      method: 'POST',
      headers: { ...bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId }),
    });
    expect(started.status).toBe(200);
    const { id } = (await started.json()) as { id: string };
    for (const path of [`/archive/getmanifest/${id}`, `/hl/archive/url/${id}/${id}`]) {
      const refused = await fetch(`${url}${path}`, { headers: bearer() });
      expect(refused.status, path).toBe(403);
      expect(await refused.text()).toContain('takes a project');
    }

    const projectSession = await createSession(url);
    await connect(url, projectSession, true);
    const archive = await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId: projectSession });
    const manifest = await fetch(`${url}/archive/getmanifest/${archive.body.id}`, { headers: PARTNER_AUTH });
    expect(manifest.status).toBe(200);
  });
});
