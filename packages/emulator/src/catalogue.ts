/**
 * The one catalogue of the endpoints the emulator serves. The app mounts its routes, a test
 * checks that the routes and this list agree, `GET /_emulator/endpoints` shows it, and a
 * request no route takes is answered from it: 405 with `Allow` when the path is served with
 * other methods, else 404.
 * @module
 */

/** One endpoint: method, path template (`:name` is one path segment), and what it does. */
export interface Endpoint {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** A short name of the operation, such as `archives.start`. */
  operation: string;
  /** `rest`: OpenTok credentials (any of the three headers); `none`: the control API. */
  auth: 'rest' | 'none';
}

const PROJECT = '/v2/project/:apiKey';
const PARTNER = '/v2/partner/:apiKey';

function archiveEndpoints(base: string, prefix: string): Endpoint[] {
  return [
    { method: 'POST', path: `${base}/archive`, operation: `${prefix}.start`, auth: 'rest' },
    { method: 'GET', path: `${base}/archive`, operation: `${prefix}.list`, auth: 'rest' },
    { method: 'GET', path: `${base}/archive/:archiveId`, operation: `${prefix}.get`, auth: 'rest' },
    { method: 'DELETE', path: `${base}/archive/:archiveId`, operation: `${prefix}.delete`, auth: 'rest' },
    { method: 'POST', path: `${base}/archive/:archiveId/stop`, operation: `${prefix}.stop`, auth: 'rest' },
    { method: 'PUT', path: `${base}/archive/:archiveId/layout`, operation: `${prefix}.setLayout`, auth: 'rest' },
    { method: 'PATCH', path: `${base}/archive/:archiveId/streams`, operation: `${prefix}.patchStreams`, auth: 'rest' },
  ];
}

/** Signals, connections, streams and moderation of running sessions. */
function sessionControlEndpoints(): Endpoint[] {
  const session = `${PROJECT}/session/:sessionId`;
  return [
    { method: 'POST', path: `${session}/signal`, operation: 'sessions.signal', auth: 'rest' },
    {
      method: 'POST',
      path: `${session}/connection/:connectionId/signal`,
      operation: 'sessions.signalConnection',
      auth: 'rest',
    },
    { method: 'GET', path: `${session}/connection`, operation: 'connections.list', auth: 'rest' },
    {
      method: 'DELETE',
      path: `${session}/connection/:connectionId`,
      operation: 'connections.disconnect',
      auth: 'rest',
    },
    { method: 'GET', path: `${session}/stream`, operation: 'streams.list', auth: 'rest' },
    { method: 'PUT', path: `${session}/stream`, operation: 'streams.setClassLists', auth: 'rest' },
    { method: 'GET', path: `${session}/stream/:streamId`, operation: 'streams.get', auth: 'rest' },
    { method: 'PUT', path: `${session}/stream/:streamId`, operation: 'streams.setClassList', auth: 'rest' },
    { method: 'POST', path: `${session}/stream/:streamId/mute`, operation: 'streams.mute', auth: 'rest' },
    { method: 'POST', path: `${session}/mute`, operation: 'sessions.muteAll', auth: 'rest' },
  ];
}

/** SIP, Experience Composer, live captions and Audio Connector. */
function connectorEndpoints(base: string): Endpoint[] {
  return [
    { method: 'POST', path: `${base}/dial`, operation: 'sip.dial', auth: 'rest' },
    { method: 'POST', path: `${base}/call`, operation: 'sip.dial', auth: 'rest' },
    { method: 'POST', path: `${base}/session/:sessionId/play-dtmf`, operation: 'sip.playDtmf', auth: 'rest' },
    {
      method: 'POST',
      path: `${base}/session/:sessionId/connection/:connectionId/play-dtmf`,
      operation: 'sip.playDtmfToConnection',
      auth: 'rest',
    },
    { method: 'POST', path: `${base}/render`, operation: 'renders.start', auth: 'rest' },
    { method: 'GET', path: `${base}/render`, operation: 'renders.list', auth: 'rest' },
    { method: 'GET', path: `${base}/render/:renderId`, operation: 'renders.get', auth: 'rest' },
    { method: 'DELETE', path: `${base}/render/:renderId`, operation: 'renders.stop', auth: 'rest' },
    { method: 'POST', path: `${base}/captions`, operation: 'captions.start', auth: 'rest' },
    { method: 'GET', path: `${base}/captions/:captionsId`, operation: 'captions.get', auth: 'rest' },
    { method: 'POST', path: `${base}/captions/:captionsId/stop`, operation: 'captions.stop', auth: 'rest' },
    { method: 'POST', path: `${base}/connect`, operation: 'audioConnector.start', auth: 'rest' },
    { method: 'POST', path: `${base}/connect/:connectorId/stop`, operation: 'audioConnector.stop', auth: 'rest' },
  ];
}

/** Every endpoint the emulator serves. */
export const ENDPOINTS: readonly Endpoint[] = [
  { method: 'POST', path: '/session/create', operation: 'sessions.create', auth: 'rest' },
  { method: 'POST', path: '/hl/session/create', operation: 'sessions.create', auth: 'rest' },
  { method: 'GET', path: '/archive/getmanifest/:archiveId', operation: 'legacy.getArchiveManifest', auth: 'rest' },
  { method: 'GET', path: '/hl/archive/getmanifest/:archiveId', operation: 'legacy.getArchiveManifest', auth: 'rest' },
  {
    method: 'GET',
    path: '/hl/archive/url/:archiveId/:videoId',
    operation: 'legacy.getArchiveDownloadUrl',
    auth: 'rest',
  },
  { method: 'GET', path: '/archive/url/:archiveId/:videoId', operation: 'legacy.getArchiveDownloadUrl', auth: 'rest' },
  ...archiveEndpoints(PROJECT, 'archives'),
  ...archiveEndpoints(PARTNER, 'archives.partner'),
  { method: 'POST', path: `${PROJECT}/broadcast`, operation: 'broadcasts.start', auth: 'rest' },
  { method: 'GET', path: `${PROJECT}/broadcast`, operation: 'broadcasts.list', auth: 'rest' },
  { method: 'GET', path: `${PROJECT}/broadcast/:broadcastId`, operation: 'broadcasts.get', auth: 'rest' },
  { method: 'POST', path: `${PROJECT}/broadcast/:broadcastId/stop`, operation: 'broadcasts.stop', auth: 'rest' },
  {
    method: 'PUT',
    path: `${PROJECT}/broadcast/:broadcastId/layout`,
    operation: 'broadcasts.setLayout',
    auth: 'rest',
  },
  {
    method: 'PATCH',
    path: `${PROJECT}/broadcast/:broadcastId/streams`,
    operation: 'broadcasts.patchStreams',
    auth: 'rest',
  },
  ...connectorEndpoints(PROJECT),
  { method: 'GET', path: `${PROJECT}/callback`, operation: 'callbacks.list', auth: 'rest' },
  { method: 'POST', path: `${PROJECT}/callback`, operation: 'callbacks.register', auth: 'rest' },
  { method: 'DELETE', path: `${PROJECT}/callback/:callbackId`, operation: 'callbacks.unregister', auth: 'rest' },
  ...sessionControlEndpoints(),
  {
    method: 'GET',
    path: '/_emulator/media/broadcast/:broadcastId/playlist.m3u8',
    operation: 'media.hlsPlaylist',
    auth: 'none',
  },
  { method: 'GET', path: '/_emulator/media/broadcast/:broadcastId/init.mp4', operation: 'media.hlsInit', auth: 'none' },
  {
    method: 'GET',
    path: '/_emulator/media/broadcast/:broadcastId/:segmentFile',
    operation: 'media.hlsSegment',
    auth: 'none',
  },
  { method: 'GET', path: '/_emulator/media/:archiveId/archive.mp4', operation: 'media.archive', auth: 'none' },
  { method: 'HEAD', path: '/_emulator/media/:archiveId/archive.mp4', operation: 'media.archive', auth: 'none' },
  { method: 'GET', path: '/_emulator/media/:archiveId/:videoFile', operation: 'media.video', auth: 'none' },
  { method: 'HEAD', path: '/_emulator/media/:archiveId/:videoFile', operation: 'media.video', auth: 'none' },
  {
    method: 'POST',
    path: '/_emulator/sessions/:sessionId/connections',
    operation: 'control.connect',
    auth: 'none',
  },
  {
    method: 'DELETE',
    path: '/_emulator/sessions/:sessionId/connections/:connectionId',
    operation: 'control.disconnect',
    auth: 'none',
  },
  {
    method: 'POST',
    path: '/_emulator/sessions/:sessionId/connections/:connectionId/streams',
    operation: 'control.publish',
    auth: 'none',
  },
  {
    method: 'DELETE',
    path: '/_emulator/sessions/:sessionId/streams/:streamId',
    operation: 'control.unpublish',
    auth: 'none',
  },
  {
    method: 'GET',
    path: '/_emulator/sessions/:sessionId/events',
    operation: 'control.events',
    auth: 'none',
  },
  { method: 'GET', path: '/_emulator/state', operation: 'control.state', auth: 'none' },
  { method: 'POST', path: '/_emulator/archives/:archiveId/fail', operation: 'control.archives.fail', auth: 'none' },
  { method: 'GET', path: '/_emulator/callbacks', operation: 'control.callbacks.deliveries', auth: 'none' },
  { method: 'DELETE', path: '/_emulator/callbacks', operation: 'control.callbacks.clear', auth: 'none' },
  { method: 'GET', path: '/_emulator/projects/:apiKey/callbacks', operation: 'control.callbacks.get', auth: 'none' },
  { method: 'PUT', path: '/_emulator/projects/:apiKey/callbacks', operation: 'control.callbacks.set', auth: 'none' },
  { method: 'GET', path: '/_emulator/endpoints', operation: 'control.endpoints', auth: 'none' },
  // The dashboard (`dashboard/`): `GET /` sends a browser there (a 404 for other clients).
  { method: 'GET', path: '/', operation: 'dashboard.open', auth: 'none' },
  { method: 'GET', path: '/_emulator/dashboard', operation: 'dashboard.overview', auth: 'none' },
  { method: 'GET', path: '/_emulator/dashboard/sessions/:sessionId', operation: 'dashboard.session', auth: 'none' },
  { method: 'GET', path: '/_emulator/dashboard/live', operation: 'dashboard.live', auth: 'none' },
  { method: 'POST', path: '/_emulator/dashboard/actions/:action', operation: 'dashboard.action', auth: 'none' },
  { method: 'GET', path: '/_emulator/dashboard/assets/dashboard.css', operation: 'dashboard.css', auth: 'none' },
  { method: 'GET', path: '/_emulator/dashboard/assets/dashboard.js', operation: 'dashboard.js', auth: 'none' },
  { method: 'GET', path: '/_emulator/faults', operation: 'control.faults.list', auth: 'none' },
  { method: 'POST', path: '/_emulator/faults', operation: 'control.faults.add', auth: 'none' },
  { method: 'DELETE', path: '/_emulator/faults', operation: 'control.faults.clear', auth: 'none' },
];

/** `true` when a path matches a template: same segment count, `:name` matches any non-empty segment. */
export function matchesTemplate(template: string, path: string): boolean {
  const wanted = template.split('/');
  const given = path.replace(/\/+$/, '').split('/');
  if (wanted.length !== given.length) return false;
  return wanted.every((part, index) => {
    const segment = given[index] as string;
    return part.startsWith(':') ? segment !== '' : part === segment;
  });
}

/** The methods the catalogue serves at this path (empty when it serves none). */
export function allowedMethods(path: string): string[] {
  const methods = ENDPOINTS.filter((endpoint) => matchesTemplate(endpoint.path, path)).map(({ method }) => method);
  return [...new Set(methods)];
}
