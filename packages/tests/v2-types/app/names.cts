/**
 * Every name of the `OpenTok` namespace that `@types/opentok` 2.14.4 declares, each used as
 * 2.x code uses it. Compiled, never run.
 * @module
 */
import OpenTok = require('opentok');

declare const opentok: OpenTok;

export const outputMode: OpenTok.OutputMode = 'individual';
export const archiveStatus: OpenTok.ArchiveStatus = 'available';
export const predefined: OpenTok.PredefinedArchiveLayoutOptions = { type: 'horizontalPresentation' };
export const customLayout: OpenTok.CustomArchiveLayoutOptions = { type: 'custom', stylesheet: 'stream { }' };
export const screenshare: OpenTok.ScreenshareArchiveLayoutOptions = { type: 'bestFit', screenshareType: 'pip' };
export const layouts: OpenTok.ArchiveLayoutOptions[] = [predefined, customLayout, screenshare];
export const archiveOptions: OpenTok.ArchiveOptions = { name: 'n', outputMode: outputMode, layout: predefined };
export const mediaMode: OpenTok.MediaMode = 'relayed';
export const archiveMode: OpenTok.ArchiveMode = 'always';
export const sessionOptions: OpenTok.SessionOptions = { mediaMode: mediaMode, archiveMode: archiveMode };
export const patch: OpenTok.PatchStream = { hasVideo: true };
export const token: OpenTok.Token = opentok.generateToken('session');
export const dialOptions: OpenTok.DialOptions = { secure: false, from: 'me' };
export const role: OpenTok.Role = 'subscriber';
export const tokenOptions: OpenTok.TokenOptions = { role: role, expireTime: 1 };
export const listArchives: OpenTok.ListArchivesOptions = { offset: 10 };
export const broadcastType: OpenTok.BroadcastLayoutType = 'verticalPresentation';
export const broadcastLayoutOptions: OpenTok.BroadcastLayoutOptions = { type: broadcastType };
export const customBroadcast: OpenTok.CustomBroadcastLayoutOptions = { type: 'custom', stylesheet: 's' };
export const broadcastLayout: OpenTok.BroadcastLayout = customBroadcast;
export const rtmp: OpenTok.BroadcastOutputOptionsRtmp = { id: 'a', serverUrl: 'rtmp://x', streamName: 'y' };
export const outputs: OpenTok.BroadcastOutputOptions = { rtmp: [rtmp] };
export const broadcastOptions: OpenTok.BroadcastOptions = { outputs: outputs, layout: broadcastLayout };
export const listBroadcasts: OpenTok.ListBroadcastsOptions = { sessionId: 'session' };
export const signal: OpenTok.SignalOptions = { type: 'chat', data: JSON.stringify({ text: 'hello' }) };
export const streamId: OpenTok.StreamId = 'stream';
export const env: OpenTok.Env = { apiUrl: 'https://api.opentok.com', timeout: 1000 };

/** The result types: what the 2.x callbacks pass, read field by field. */
export function read(
  archive: OpenTok.Archive,
  broadcast: OpenTok.Broadcast,
  stopped: OpenTok.BroadcastStopResponse,
  urls: OpenTok.BroadcastUrlsResponse,
  session: OpenTok.Session,
  stream: OpenTok.Stream,
  sip: OpenTok.SipInterconnect,
): (string | number | boolean | undefined)[] {
  return [
    archive.id,
    archive.status,
    archive.outputMode,
    archive.hasAudio,
    archive.sessionId,
    archive.size,
    archive.createdAt,
    broadcast.id,
    broadcast.status,
    broadcast.projectId,
    broadcast.createdAt,
    stopped.id,
    stopped.updatedAt,
    urls.hls,
    session.sessionId,
    stream.id,
    stream.name,
    stream.videoType,
    sip.id,
    sip.connectionId,
    sip.streamId,
  ];
}
