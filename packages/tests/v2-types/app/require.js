// @ts-check
/**
 * `const OpenTok = require('opentok')` in JavaScript checked by TypeScript (`checkJs`), with
 * JSDoc types from the namespace. Compiled, never run.
 */
const OpenTok = require('opentok');

const opentok = new OpenTok('123456', 'secret');

/**
 * @param {string} sessionId
 * @param {(archive: OpenTok.Archive | undefined) => void} done
 */
function record(sessionId, done) {
  /** @type {OpenTok.ArchiveOptions} */
  const options = { name: 'checked', hasVideo: false };
  opentok.startArchive(sessionId, options, (err, archive) => done(err ? undefined : archive));
}

/**
 * @param {string} sessionId
 * @returns {OpenTok.Token}
 */
function token(sessionId) {
  return opentok.generateToken(sessionId, { role: 'moderator', data: 'js' });
}

module.exports = { record, token };
