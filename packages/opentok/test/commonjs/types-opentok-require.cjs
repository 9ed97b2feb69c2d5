// @ts-check
/**
 * `const OpenTok = require('opentok')` in plain JavaScript checked by TypeScript: the same
 * 2.x code, typed from dist/. Compiled by `pnpm typecheck`, never run.
 */
const OpenTok = require('opentok');

const opentok = new OpenTok('123456', 'secret', 'https://api.opentok.com');
const alsoWithoutNew = OpenTok('123456', 'secret');
opentok.createSession({ mediaMode: 'routed' }, (err, session) => {
  if (err || !session) return;
  /** @type {string} */
  const token = opentok.generateToken(session.sessionId, { role: 'moderator' });
  console.log(token, alsoWithoutNew.apiKey);
});
opentok.startArchive('session', { name: 'x' }, (err, archive) => console.log(err, archive?.id));
