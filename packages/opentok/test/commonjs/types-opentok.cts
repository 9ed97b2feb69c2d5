/**
 * Code written for the official `opentok` 2.x module with the community `@types/opentok`
 * declarations (`import OpenTok = require('opentok')`, callbacks annotated as those types
 * spell them: `(err: Error, session: OpenTok.Session)`), compiled unchanged against dist/.
 * Compiled by `pnpm typecheck`, never run.
 * @module
 */
import OpenTok = require('opentok');

declare const apiKey: string;
declare const apiSecret: string;
declare const sessionId: string;
declare const archiveId: string;

const opentok = new OpenTok(apiKey, apiSecret);
const withUrl = new OpenTok(apiKey, apiSecret, 'https://api.opentok.com');
const withOptions = new OpenTok(apiKey, apiSecret, { timeout: 10000, uaAddendum: 'my-app/1.0' });
void [withUrl, withOptions];

const sessionOptions: { mediaMode?: 'relayed' | 'routed'; archiveMode?: 'manual' | 'always'; location?: string } = {
  mediaMode: 'routed',
  archiveMode: 'always',
};
opentok.createSession(sessionOptions, (err: Error, session: OpenTok.Session) => {
  if (err) return console.log(err);
  const token: string = opentok.generateToken(session.sessionId, {
    role: 'moderator',
    expireTime: Date.now() / 1000 + 7 * 24 * 60 * 60,
    data: 'name=Johnny',
    initialLayoutClassList: ['focus'],
  });
  console.log(token);
});
const legacy: string = opentok.generateToken(sessionId, { role: 'publisher' }, true);
void legacy;

opentok.startArchive(
  sessionId,
  { name: 'Important Presentation', outputMode: 'composed' },
  (err: Error, archive: OpenTok.Archive) => {
    if (err) return console.log(err);
    console.log('new archive:' + archive.id);
  },
);
opentok.stopArchive(archiveId, (err: Error, archive: OpenTok.Archive) => console.log(err, archive.status));
opentok.getArchive(archiveId, (err: Error, archive: OpenTok.Archive) => console.log(err, archive.url));
opentok.deleteArchive(archiveId, (err: Error) => console.log(err));
opentok.listArchives({ count: 50, offset: 0 }, (error: Error, archives: OpenTok.Archive[], totalCount: number) => {
  if (error) return console.log('error:', error);
  console.log(totalCount + ' archives');
  for (const archive of archives) console.log(archive.id);
});
opentok.signal(sessionId, null, { type: 'chat', data: 'Hello!' }, (error: Error) => console.log(error));
opentok.forceDisconnect(sessionId, 'connection', (error: Error) => console.log(error));

// The promise form, without a callback.
async function promised(): Promise<void> {
  const archive = await opentok.startArchive(sessionId, { name: 'x' });
  const stopped: OpenTok.Archive = await opentok.stopArchive(archive.id);
  const archives: OpenTok.Archive[] = await opentok.listArchives({ sessionId });
  void [stopped, archives];
}
void promised;

// @ts-expect-error the secret is required, as in @types/opentok
new OpenTok(apiKey);
