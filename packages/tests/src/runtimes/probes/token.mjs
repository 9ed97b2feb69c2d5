// `node token.mjs <input JSON>`: the built @opentok/token, resolved by name through its exports
// map, signs and verifies in the Node running it; prints a JSON report for node-matrix.test.ts.
import {
  generateRestToken,
  generateToken,
  InvalidTokenError,
  OpenTokError,
  verifyRestToken,
  verifyToken,
} from '@opentok/token';

const { project, application, publicKey, sessionId, applicationSessionId, foreign } = JSON.parse(process.argv[2]);

/** What verifying `token` gives: the claims, or the error's name and whether it is typed. */
function outcome(verify) {
  try {
    return { claims: verify() };
  } catch (error) {
    return { name: error.name, isType: InvalidTokenError.isInstance(error), family: OpenTokError.isInstance(error) };
  }
}

const tamper = (token) => `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
const options = { role: 'moderator', data: 'userId:42', initialLayoutClassList: ['focus', 'full'] };

console.log(
  JSON.stringify({
    version: process.version,
    resolved: import.meta.resolve('@opentok/token'),
    signed: {
      jwt: generateToken(project, sessionId, options),
      t1: generateToken(project, sessionId, { ...options, format: 't1' }),
      rest: generateRestToken(project),
      rs256: generateToken(application, applicationSessionId, options),
      restRs256: generateRestToken(application),
    },
    verified: {
      jwt: outcome(() => verifyToken(foreign.jwt, project)),
      t1: outcome(() => verifyToken(foreign.t1, project)),
      rest: outcome(() => verifyRestToken(foreign.rest, project)),
      rs256: outcome(() => verifyToken(foreign.rs256, { applicationId: application.applicationId, publicKey })),
    },
    refused: {
      jwt: outcome(() => verifyToken(tamper(foreign.jwt), project)),
      t1: outcome(() => verifyToken(foreign.t1, { ...project, apiSecret: `${project.apiSecret.slice(1)}0` })),
      rest: outcome(() => verifyRestToken(tamper(foreign.rest), project)),
    },
  }),
);
