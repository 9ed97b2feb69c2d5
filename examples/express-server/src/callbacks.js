/**
 * The callback route: the service (or the emulator) POSTs what happens in the project here.
 * Each body is read with `parseCallback`; when an archive becomes `available`, the archive is
 * read back through the API (a callback is a hint, not proof) and downloaded into a folder,
 * with its progress in the log. The route answers 204 at once and works afterwards, so the
 * sender never waits and never retries a slow answer.
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCallback } from 'opentok';
import { downloadArchive } from 'opentok/node';
import { progressLogger } from './progress.js';

/** Largest callback body read, in bytes; the service's are a few KB. */
const MAX_BODY = 64 * 1024;

/**
 * Reads a request body, up to `MAX_BODY` bytes.
 * @param {import('node:http').IncomingMessage} request
 * @returns {Promise<Buffer | undefined>} `undefined` when it is too large
 */
async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Creates the callback handler.
 * @param {{
 *   opentok: import('opentok').default,
 *   downloads: string,
 *   log?: (line: string) => void,
 * }} settings `downloads` is the folder archives are written to
 * @returns {{
 *   handle: (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => Promise<void>,
 *   idle: () => Promise<void>,
 * }} `handle` serves one callback; `idle` resolves once every download started so far has ended
 * @example
 * const callbacks = createCallbackHandler({ opentok, downloads: './archives', log: console.log })
 * // in the request handler: if (request.method === 'POST' && url.pathname === secretPath) return callbacks.handle(request, response)
 */
export function createCallbackHandler({ opentok, downloads, log = () => {} }) {
  const running = new Set();
  const started = new Set();

  async function download(archiveId) {
    // Read the archive back: only what the API says is acted on.
    const archive = await opentok.archives.get(archiveId);
    if (archive.status !== 'available' || !archive.url) {
      log(`archive ${archive.id}: status ${archive.status}, nothing to download`);
      return;
    }
    await mkdir(downloads, { recursive: true });
    const destination = join(downloads, `${archive.id}.mp4`);
    log(`archive ${archive.id}: downloading to ${destination}`);
    const { receivedBytes } = await downloadArchive(archive.url, destination, {
      onProgress: progressLogger(archive.id, log),
    });
    log(`archive ${archive.id}: downloaded ${receivedBytes} bytes`);
  }

  async function handle(request, response) {
    const body = await readBody(request);
    let callback;
    try {
      if (body === undefined) throw new Error('too large');
      callback = parseCallback(body);
    } catch {
      // Not quoted: the body came from the network.
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Not a callback\n');
      return;
    }
    response.writeHead(204).end();
    if (callback.event === 'archive') {
      log(`callback: archive ${callback.id} ${callback.status}`);
      if (callback.status === 'available' && !started.has(callback.id)) {
        started.add(callback.id);
        const work = download(callback.id)
          .catch((error) => log(`archive ${callback.id}: download failed (${error.name})`))
          .finally(() => running.delete(work));
        running.add(work);
      }
    } else if (callback.event === 'connectionDestroyed' || callback.event === 'streamDestroyed') {
      log(`callback: ${callback.event} (${callback.reason})`);
    } else {
      log(`callback: ${callback.event}`);
    }
  }

  return { handle, idle: async () => void (await Promise.all([...running])) };
}
