/**
 * Archive transcription through the 2.x class, written as users of the newer official SDKs
 * write it: `startArchive(sessionId, { outputMode: 'individual', hasTranscription: true,
 * transcriptionProperties })` sends the options as given (2.x spreads its options into the
 * body) and the archive it hands back, and `getArchive` later, carry the service's
 * `transcription` object unchanged.
 */
import { startEmulator } from '@opentok/emulator';
import OpenTok from 'opentok';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const API_KEY = '123456';
const API_SECRET = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let opentok: InstanceType<typeof OpenTok>;
let sessionId: string;

beforeAll(async () => {
  emulator = await startEmulator({
    projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }],
    archiveProcessingMs: 0,
    log: () => {},
  });
  opentok = new OpenTok(API_KEY, API_SECRET, emulator.url);
  ({ sessionId } = await opentok.createSession({ mediaMode: 'routed' }));
  await emulator.connect(sessionId, opentok.generateToken(sessionId), { publish: true });
});
afterAll(async () => {
  await emulator?.close();
});

describe('2.x startArchive with transcription', () => {
  it('sends hasTranscription and transcriptionProperties, and the archives carry the transcription', async () => {
    const archive = await new Promise<Record<string, unknown>>((resolve, reject) =>
      opentok.startArchive(
        sessionId,
        {
          outputMode: 'individual',
          hasTranscription: true,
          transcriptionProperties: { primaryLanguageCode: 'en-US', hasSummary: true },
        },
        (error, started) => (error ? reject(error) : resolve(started as unknown as Record<string, unknown>)),
      ),
    );
    expect(archive.hasTranscription).toBe(true);
    expect(archive.transcription).toMatchObject({
      status: 'requested',
      primaryLanguageCode: 'en-US',
      hasSummary: true,
    });

    await opentok.stopArchive(String(archive.id));
    let read: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 500; attempt++) {
      read = (await opentok.getArchive(String(archive.id))) as unknown as Record<string, unknown>;
      if ((read.transcription as { status?: string } | undefined)?.status === 'available') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(read.transcription).toMatchObject({ status: 'available', primaryLanguageCode: 'en-US' });
    expect(typeof (read.transcription as { url?: unknown }).url).toBe('string');
  });

  it("answers a composed archive with transcription with the service's refusal, in 2.x's words", async () => {
    const error = await new Promise<Error | null>((resolve) =>
      opentok.startArchive(sessionId, { outputMode: 'composed', hasTranscription: true }, (failure) =>
        resolve(failure),
      ),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toMatch(/^Unexpected response from OpenTok: /);
  });
});
