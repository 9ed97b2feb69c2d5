/**
 * `util.promisify` of the 2.x methods in an ES module (default import, `module: nodenext`).
 * Compiled, never run.
 * @module
 */
import { promisify } from 'node:util';
import OpenTok from 'opentok';

const opentok: OpenTok = new OpenTok('123456', 'secret');

export async function start(room: string): Promise<{ token: OpenTok.Token; archive?: OpenTok.Archive }> {
  const options: OpenTok.SessionOptions = { mediaMode: 'routed' };
  const session = await promisify(opentok.createSession.bind(opentok))(options);
  const sessionId = session ? session.sessionId : room;
  const archiveOptions: OpenTok.ArchiveOptions = { name: room, layout: { type: 'pip' } };
  const archive = await promisify(opentok.startArchive.bind(opentok))(sessionId, archiveOptions);
  return { token: opentok.generateToken(sessionId), archive: archive };
}
