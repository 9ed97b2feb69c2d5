import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  AuthenticationError,
  InvalidArgumentError,
  NetworkError,
  NotFoundError,
  OpenTokError,
  RequestError,
  TimeoutError,
} from '@opentok/rest';
import { type DownloadProgress, downloadArchive } from '@opentok/rest/node';
import { generateToken } from '@opentok/token';
import { afterAll, describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, eventually, useEmulator } from './emulator-fixture.js';

const emulator = useEmulator();
const folder = mkdtempSync(join(tmpdir(), 'opentok-rest-download-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A finished archive with one video, and its session. */
async function finishedArchive() {
  const client = emulator.client();
  const { sessionId } = await client.createSession({ mediaMode: 'routed' });
  await emulator.join(sessionId);
  const archive = await client.archives.start(sessionId);
  await new Promise((resolve) => setTimeout(resolve, 30));
  await client.archives.stop(archive.id);
  const available = await eventually(async () => {
    const current = await client.archives.get(archive.id);
    return current.status === 'available' ? current : undefined;
  });
  return { sessionId, archive: available };
}

describe('legacy archive API against the emulator', () => {
  it('reads the manifest with a token signed from the credentials, then a video URL', async () => {
    const client = emulator.client();
    const { sessionId, archive } = await finishedArchive();
    for (const options of [undefined, { sessionId }]) {
      const manifest = await client.getArchiveManifest(archive.id, options);
      expect(manifest.archiveId).toBe(archive.id);
      expect(manifest.resources.length).toBeGreaterThan(0);
      expect(manifest.resources[0]).toMatchObject({ id: expect.any(String), length: expect.any(Number) });
      expect(manifest.timeline[0]?.type).toBe('PLAY');
    }
    const manifest = await client.getArchiveManifest(archive.id);
    const url = await client.getArchiveDownloadUrl(archive.id, manifest.resources[0]!.id);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\.flv/);
  });

  it('sends a caller-given token, and the service refuses one that is not a moderator', async () => {
    const client = emulator.client();
    const { sessionId, archive } = await finishedArchive();
    const credentials = { apiKey: API_KEY, apiSecret: API_SECRET };
    const moderator = generateToken(credentials, sessionId, { role: 'moderator', format: 't1' });
    expect((await client.getArchiveManifest(archive.id, { token: moderator })).archiveId).toBe(archive.id);
    const publisher = generateToken(credentials, sessionId, { role: 'publisher', format: 't1' });
    const error = await client.getArchiveManifest(archive.id, { token: publisher }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String(error)).not.toContain(publisher);
  });

  it('raises NotFoundError for an unknown archive or video', async () => {
    const client = emulator.client();
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(client.getArchiveManifest(unknown)).rejects.toBeInstanceOf(NotFoundError);
    const { archive } = await finishedArchive();
    await expect(client.getArchiveDownloadUrl(archive.id, unknown)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('downloadArchive against the emulator', () => {
  it('streams an archive to a file, reporting progress up to the Content-Length', async () => {
    const { archive } = await finishedArchive();
    const destination = join(folder, 'archive.mp4');
    const seen: DownloadProgress[] = [];
    const result = await downloadArchive(archive.url!, destination, { onProgress: (progress) => seen.push(progress) });
    const bytes = readFileSync(destination);
    expect(result.receivedBytes).toBe(bytes.length);
    expect(result.totalBytes).toBe(bytes.length);
    expect(bytes.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual({ receivedBytes: bytes.length, totalBytes: bytes.length });
    expect(
      seen.every((progress, index) => index === 0 || progress.receivedBytes > seen[index - 1]!.receivedBytes),
    ).toBe(true);
  });

  it('streams a legacy video to a Writable', async () => {
    const client = emulator.client();
    const { archive } = await finishedArchive();
    const manifest = await client.getArchiveManifest(archive.id);
    const url = await client.getArchiveDownloadUrl(archive.id, manifest.resources[0]!.id);
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    const result = await downloadArchive(url, sink);
    expect(Buffer.concat(chunks).length).toBe(result.receivedBytes);
    expect(Buffer.concat(chunks).subarray(0, 3).toString('latin1')).toBe('FLV');
  });

  it('leaves no file behind when the server refuses, resets, stalls, or cuts the body short', async () => {
    const { archive } = await finishedArchive();
    const path = new URL(archive.url!).pathname;
    const destination = join(folder, 'failed.mp4');
    const before = readdirSync(folder).length;

    await emulator.fault({ method: 'GET', path, status: 404, body: { message: 'gone' } });
    await expect(downloadArchive(archive.url!, destination)).rejects.toBeInstanceOf(NotFoundError);

    await emulator.fault({ method: 'GET', path, reset: true });
    await expect(downloadArchive(archive.url!, destination)).rejects.toBeInstanceOf(NetworkError);

    await emulator.fault({ method: 'GET', path, delayMs: 1000 });
    await expect(downloadArchive(archive.url!, destination, { timeout: 100 })).rejects.toBeInstanceOf(TimeoutError);

    // The server sends the head with the full Content-Length and 1000 bytes, then drops the
    // connection: the download fails at once (no idle timeout involved) and keeps no file.
    const cutShort = { method: 'GET', path, truncateAfterBytes: 1000 };
    await emulator.fault(cutShort);
    const seen: DownloadProgress[] = [];
    const started = Date.now();
    const cut = await downloadArchive(archive.url!, destination, {
      onProgress: (progress) => seen.push(progress),
    }).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(cut).toBeInstanceOf(NetworkError);
    expect(cut).not.toBeInstanceOf(TimeoutError);
    expect(seen.at(-1)?.totalBytes).toBe(archive.size);
    expect(seen.at(-1)?.receivedBytes).toBeGreaterThan(0);
    expect(seen.at(-1)?.receivedBytes).toBeLessThanOrEqual(1000);
    expect(existsSync(destination)).toBe(false);
    expect(readdirSync(folder).length).toBe(before);

    const failingProgress = downloadArchive(archive.url!, destination, {
      onProgress: () => {
        throw new Error('stop here');
      },
    });
    await expect(failingProgress).rejects.toThrow('stop here');

    expect(existsSync(destination)).toBe(false);
    expect(readdirSync(folder).length).toBe(before);
  });

  it('raises OpenTokError (not a RequestError) when the file cannot be written', async () => {
    const { archive } = await finishedArchive();
    const destination = join(folder, 'no-such-folder', 'archive.mp4');
    const error = await downloadArchive(archive.url!, destination).catch((caught: unknown) => caught);
    expect(OpenTokError.isInstance(error)).toBe(true);
    expect(RequestError.isInstance(error)).toBe(false);
    expect((error as Error).message).toMatch(/could not write/);
    expect(existsSync(join(folder, 'no-such-folder'))).toBe(false);
  });

  it('refuses bad arguments with InvalidArgumentError', async () => {
    await expect(downloadArchive('ftp://x/y', join(folder, 'x'))).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(downloadArchive('http://127.0.0.1:9/x', '')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(downloadArchive('http://127.0.0.1:9/x', {} as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
