/**
 * The quickstart's steps, in the order a real server takes them: create a session, sign a
 * token per role, let a publisher join, record an archive, read it back through both front
 * doors (the 1.0 `OpenTokSDK` and the modern `OpenTok`), and download the video.
 * @module
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import OpenTok, { OpenTokSDK, RoleConstants } from 'opentok';
import { downloadArchive } from 'opentok/node';
import { createProgressBar, formatBytes, formatDuration } from './progress-bar.js';

/**
 * Shows the start of a token and its length: enough to tell tokens apart, never the whole
 * credential in a log (`--full-tokens` prints them whole).
 * @param {string} token
 * @returns {string}
 */
export const preview = (token) => `${token.slice(0, 20)}… (${token.length} chars)`;

/**
 * Whether `apiUrl` is an `@opentok/emulator`: it answers `GET /_emulator/state` with its state,
 * which the real service does not have.
 * @param {string} apiUrl
 * @returns {Promise<boolean>}
 */
export async function isEmulator(apiUrl) {
  try {
    const response = await fetch(new URL('/_emulator/state', apiUrl), { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return false;
    const state = await response.json();
    return Array.isArray(state?.projects) && Array.isArray(state?.sessions);
  } catch {
    return false;
  }
}

/**
 * Lets a client join the session through the emulator's control API, as a browser would
 * with the OpenTok.js client library.
 * @param {string} controlUrl the emulator's base URL
 * @param {string} sessionId
 * @param {string} token a publisher token for that session
 * @returns {Promise<{ connectionId: string, streamId?: string }>}
 */
export async function connectPublisher(controlUrl, sessionId, token) {
  const response = await fetch(`${controlUrl}/_emulator/sessions/${encodeURIComponent(sessionId)}/connections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, publish: true }),
  });
  if (response.status !== 201) {
    throw new Error(`The emulator refused the publisher (HTTP ${response.status}): ${await response.text()}`);
  }
  return response.json();
}

/**
 * Polls until the archive is `available` (the service needs a moment after `stop`).
 * @param {OpenTok} opentok
 * @param {string} archiveId
 * @param {number} [timeoutMs]
 */
async function waitUntilAvailable(opentok, archiveId, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const archive = await opentok.archives.get(archiveId);
    if (archive.status === 'available' && archive.url) return archive;
    if (archive.status === 'failed' || Date.now() > deadline) {
      throw new Error(`Archive ${archiveId} is ${archive.status}, not available`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The 1.0 callbacks, wrapped only so that this file can await them. */
const legacy = {
  /** @param {OpenTokSDK} sdk */
  createSession: (sdk, location) =>
    new Promise((resolve, reject) =>
      sdk.createSession(location, (error, sessionId) => (error ? reject(error) : resolve(sessionId))),
    ),
  /** @param {OpenTokSDK} sdk */
  getArchiveManifest: (sdk, archiveId, token) =>
    new Promise((resolve, reject) =>
      // Two parameters: the handler receives (err, tbarchive); a one-parameter handler gets only tbarchive.
      sdk.getArchiveManifest(archiveId, token, (error, tbarchive) => (error ? reject(error) : resolve(tbarchive))),
    ),
  downloadArchiveURL: (tbarchive, videoId) =>
    new Promise((resolve, reject) =>
      tbarchive.downloadArchiveURL(videoId, (error, url) => (error ? reject(error) : resolve(url))),
    ),
};

/**
 * Runs every step and returns what happened.
 * @param {object} settings
 * @param {string} settings.apiKey
 * @param {string} settings.apiSecret
 * @param {string} [settings.apiUrl] the API's base URL (the emulator's, or the real service by default)
 * @param {string} [settings.controlUrl] the emulator's URL, when there is one to connect a publisher through
 * @param {string} settings.outputDirectory where the video goes
 * @param {boolean} [settings.fullTokens] print tokens whole instead of their first characters
 * @param {boolean} [settings.vonage] `apiKey` and `apiSecret` are a Vonage application's ID and private key:
 *   the 1.0 calls (project only) are left out
 * @param {(line: string) => void} [settings.log]
 * @param {{ isTTY?: boolean, write(text: string): unknown }} [settings.stream] for the progress bar
 */
export async function runQuickstart({
  apiKey,
  apiSecret,
  apiUrl,
  controlUrl,
  outputDirectory,
  fullTokens = false,
  vonage = false,
  log = console.log,
  stream = process.stdout,
}) {
  const options = apiUrl ? { apiUrl } : {};
  // An application ID with a private key switches OpenTok to the Vonage Video API, as 2.23 does.
  const opentok = new OpenTok(apiKey, apiSecret, options);
  const sdk = vonage ? undefined : new OpenTokSDK(apiKey, apiSecret, apiUrl);
  const summary = { apiKey, sessions: [], tokens: {}, archive: undefined, download: undefined };
  const show = fullTokens ? (token) => token : preview;

  log('1. Sessions');
  const routed = await opentok.createSession({ mediaMode: 'routed' });
  summary.sessions.push(routed.sessionId);
  log(`    routed (modern OpenTok):     ${routed.sessionId}`);
  if (sdk) {
    const legacySessionId = await legacy.createSession(sdk, '127.0.0.1');
    summary.sessions.push(legacySessionId);
    log(`    1.0 OpenTokSDK, callback:    ${legacySessionId}`);
  }

  log('2. Tokens, one per role');
  for (const role of ['subscriber', 'publisher', 'moderator']) {
    const jwt = opentok.generateToken(routed.sessionId, { role, data: `quickstart:${role}` });
    summary.tokens[role] = jwt;
    log(`    ${role.padEnd(11)} JWT ${show(jwt)}`);
  }
  const t1 = sdk?.generateToken({ session_id: routed.sessionId, role: RoleConstants.MODERATOR });
  if (t1) log(`    moderator   T1  ${show(t1)} (1.0 form)`);

  if (!controlUrl) {
    // The real service: only a real client can join. Give the user what OpenTok.js needs, whole.
    log('3. Recording needs a client in the session. Join it from OpenTok.js in a browser with:');
    log(`    apiKey:     ${apiKey}`);
    log(`    sessionId:  ${routed.sessionId}`);
    log(`    token:      ${summary.tokens.publisher}`);
    log('   (a publisher token, valid for 24 hours), then start an archive. Against an emulator this runs by itself.');
    return summary;
  }

  log('3. A publisher joins (emulator control API)');
  const connection = await connectPublisher(controlUrl, routed.sessionId, summary.tokens.publisher);
  log(`    connection ${connection.connectionId}, stream ${connection.streamId}`);

  log('4. Record');
  const started = await opentok.archives.start(routed.sessionId, { name: 'quickstart' });
  const recording = performance.now();
  log(`    started ${started.id} (${started.status})`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const stopped = await opentok.archives.stop(started.id);
  const recorded = performance.now() - recording;
  log(`    stopped (${stopped.status})`);
  const archive = await waitUntilAvailable(opentok, started.id);
  // The service counts whole seconds; below one, the time between start and stop says more.
  const duration = archive.duration >= 1 ? formatDuration(archive.duration * 1000) : formatDuration(recorded);
  log(`    ${archive.status}: ${formatBytes(archive.size)}, ${duration} long`);

  log('5. Read it back');
  let videoId;
  let legacyUrl;
  if (sdk) {
    const tbarchive = await legacy.getArchiveManifest(sdk, archive.id, t1);
    videoId = tbarchive.resources[0].getId();
    legacyUrl = await legacy.downloadArchiveURL(tbarchive, videoId);
    log(`    1.0 manifest: "${tbarchive.title}", ${tbarchive.resources.length} video(s), first ${videoId}`);
    log(`    1.0 download URL: ${legacyUrl}`);
  } else log('    (the 1.0 archive calls take a project, not a Vonage application: left out)');
  log(`    modern getArchive URL: ${archive.url}`);

  log('6. Download');
  const destination = join(outputDirectory, `${archive.id}.mp4`);
  const bar = createProgressBar(stream);
  await downloadArchive(archive.url, destination, { onProgress: bar.update });
  bar.finish();
  const { size } = await stat(destination);
  log(`    saved ${formatBytes(size)} to ${destination}`);

  summary.archive = { id: archive.id, status: archive.status, videoId, legacyUrl, url: archive.url };
  summary.download = { path: destination, bytes: size };
  return summary;
}
