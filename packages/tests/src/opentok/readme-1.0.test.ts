import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import { decodeSessionId, OpenTok, verifyToken } from 'opentok';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, recordArchive, sessionState } from './emulator-helpers.js';

// The original README's code runs in its own `node` process, through `require('opentok')`,
// against the emulator over real HTTP; OPENTOK_API_URL is the only thing pointing it there.
let emulator: RunningEmulator;
let opentok: OpenTok;
let archived: Awaited<ReturnType<typeof recordArchive>>;

function runFixture(name: string, env: Record<string, string>) {
  const file = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [file], { env: { ...process.env, ...env }, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
  const [{ apiKey, apiSecret }] = emulator.projects;
  opentok = new OpenTok(apiKey, apiSecret, { apiUrl: emulator.url });
  archived = await recordArchive(opentok, emulator.url);
});

afterAll(async () => {
  await emulator?.close();
});

describe('the opentok 1.0 README, unchanged', () => {
  it('creates sessions, signs a token, reads a manifest and a download URL', async () => {
    const [{ apiKey, apiSecret }] = emulator.projects;
    const run = await runFixture('readme-1.0.cjs', {
      OPENTOK_API_URL: emulator.url,
      KEY: apiKey,
      SECRET: apiSecret,
      ARCHIVE_ID: archived.archive.id,
      ARCHIVED_SESSION_ID: archived.sessionId,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const seen = JSON.parse(run.stdout);

    expect(seen.routedError).toBeNull();
    expect(decodeSessionId(seen.routedSessionId)).toMatchObject({ apiKey, location: '127.0.0.1' });
    expect(await sessionState(emulator.url, seen.routedSessionId)).toMatchObject({
      mediaMode: 'routed',
      location: '127.0.0.1',
    });
    expect(seen.relayedError).toBeNull();
    expect((await sessionState(emulator.url, seen.relayedSessionId)).mediaMode).toBe('relayed');

    expect(verifyToken(seen.publisherToken, { apiKey, apiSecret })).toMatchObject({
      format: 't1',
      role: 'publisher',
      data: 'userId:42',
    });
    const joined = await join(emulator.url, seen.routedSessionId, seen.publisherToken);
    expect(joined.status).toBe(201);
    expect(joined.body.streamId).toEqual(expect.any(String));

    expect(seen.title).toBe('opentok tests');
    expect(seen.resourceCount).toBe(1);
    expect(seen.resourceLength).toEqual(expect.any(Number));
    expect(seen.url).toContain(`/${archived.archive.id}/${seen.videoId}.flv`);
    const media = await fetch(seen.url);
    expect(media.status).toBe(200);
    expect(new TextDecoder().decode((await media.arrayBuffer()).slice(0, 3))).toBe('FLV');
  });

  it('never drops a failure given to a one-parameter handler: the process reports it', async () => {
    const [{ apiKey, apiSecret }] = emulator.projects;
    const run = await runFixture('one-argument-failure.cjs', {
      OPENTOK_API_URL: emulator.url,
      KEY: apiKey,
      SECRET: apiSecret,
    });
    expect(run.code).not.toBe(0);
    expect(run.stdout).not.toContain('handler called');
    expect(run.stderr).toMatch(/NotFoundError/);
    expect(run.stderr).not.toContain(apiSecret);
  });
});
