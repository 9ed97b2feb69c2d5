/**
 * The promise form of the 2.x server code (see server.cts): each callback method wrapped with
 * Node's `util.promisify`, as 2.x-era apps do (`@types/opentok` declares callbacks only), with
 * its full argument list and its result type. Compiled, never run.
 * @module
 */
import OpenTok = require('opentok');
import util = require('node:util');

declare const sessionId: string;
declare const archiveId: string;
declare const broadcastId: string;
declare const streamId: string;
declare const connectionId: string;

const opentok = new OpenTok('123456', 'secret');

const createSession = util.promisify(opentok.createSession.bind(opentok));
const startArchive = util.promisify(opentok.startArchive.bind(opentok));
const stopArchive = util.promisify(opentok.stopArchive.bind(opentok));
const getArchive = util.promisify(opentok.getArchive.bind(opentok));
const deleteArchive = util.promisify(opentok.deleteArchive.bind(opentok));
const listArchives = util.promisify(opentok.listArchives.bind(opentok));
const setArchiveLayout = util.promisify(opentok.setArchiveLayout.bind(opentok));
const addArchiveStream = util.promisify(opentok.addArchiveStream.bind(opentok));
const removeArchiveStream = util.promisify(opentok.removeArchiveStream.bind(opentok));
const startBroadcast = util.promisify(opentok.startBroadcast.bind(opentok));
const stopBroadcast = util.promisify(opentok.stopBroadcast.bind(opentok));
const getBroadcast = util.promisify(opentok.getBroadcast.bind(opentok));
const listBroadcasts = util.promisify(opentok.listBroadcasts.bind(opentok));
const setBroadcastLayout = util.promisify(opentok.setBroadcastLayout.bind(opentok));
const addBroadcastStream = util.promisify(opentok.addBroadcastStream.bind(opentok));
const removeBroadcastStream = util.promisify(opentok.removeBroadcastStream.bind(opentok));
const signal = util.promisify(opentok.signal.bind(opentok));
const forceDisconnect = util.promisify(opentok.forceDisconnect.bind(opentok));
const getStream = util.promisify(opentok.getStream.bind(opentok));
const listStreams = util.promisify(opentok.listStreams.bind(opentok));
const setStreamClassLists = util.promisify(opentok.setStreamClassLists.bind(opentok));
const dial = util.promisify(opentok.dial.bind(opentok));
const playDTMF = util.promisify(opentok.playDTMF.bind(opentok));

export async function run(): Promise<string[]> {
  const ids: string[] = [];
  const session = await createSession({ mediaMode: 'routed' });
  if (session) ids.push(session.sessionId);
  const archive = await startArchive(sessionId, { name: 'promised', outputMode: 'composed' });
  if (archive) ids.push(archive.id);
  const stopped = await stopArchive(archiveId);
  if (stopped) ids.push(stopped.status);
  const found = await getArchive(archiveId);
  if (found) ids.push(found.url);
  await deleteArchive(archiveId);
  const archives = await listArchives({ sessionId: sessionId });
  if (archives) ids.push(String(archives.length));
  await setArchiveLayout(archiveId, 'bestFit', null);
  await addArchiveStream(archiveId, streamId, { hasAudio: true });
  await removeArchiveStream(archiveId, streamId, {});
  const broadcast = await startBroadcast(sessionId, { outputs: { hls: {} }, layout: { type: 'pip' } });
  ids.push(broadcast.id);
  const ended = await stopBroadcast(broadcastId);
  ids.push(ended.id);
  const live = await getBroadcast(broadcastId);
  if (live) ids.push(live.status);
  const broadcasts = await listBroadcasts({ count: 5 });
  if (broadcasts) ids.push(String(broadcasts.length));
  await setBroadcastLayout(broadcastId, 'custom', 'stream.instructor { width: 100%; }');
  await addBroadcastStream(broadcastId, streamId, {});
  await removeBroadcastStream(broadcastId, streamId, {});
  await signal(sessionId, null, { type: 'chat', data: 'hello' });
  await forceDisconnect(sessionId, connectionId);
  const stream = await getStream(sessionId, streamId);
  if (stream) ids.push(stream.videoType);
  const streams = await listStreams(sessionId);
  if (streams) ids.push(String(streams.length));
  await setStreamClassLists(sessionId, [{ id: streamId, layoutClassList: ['focus'] }]);
  const call = await dial(sessionId, opentok.generateToken(sessionId), 'sip:user@sip.example.com', {
    secure: true,
    from: '15551115555',
  });
  ids.push(call.connectionId);
  await playDTMF(sessionId, connectionId, '1234');
  return ids;
}
