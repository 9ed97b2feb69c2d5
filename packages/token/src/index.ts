/**
 * `@opentok/token`: OpenTok session IDs, client tokens (JWT and T1), REST auth tokens and
 * their verification, for OpenTok projects (HS256) and Vonage applications (RS256). Pure,
 * synchronous and offline; the same API in every runtime, with async variants for RS256
 * where only Web Crypto signs RSA.
 * @module
 */
export {
  type AsyncTokenGenerator,
  createTokenGeneratorAsync,
  generateRestTokenAsync,
  generateTokenAsync,
  verifyRestTokenAsync,
  verifyTokenAsync,
} from './async.js';
export {
  decodeRestToken,
  decodeToken,
  type RestTokenClaims,
  type TokenClaims,
  type VerifyOptions,
  verifyRestToken,
  verifyToken,
} from './decode.js';
export {
  InvalidArgumentError,
  InvalidSessionIdError,
  InvalidTokenError,
  type InvalidTokenReason,
  OpenTokError,
  TokenExpiredError,
} from './errors.js';
export {
  createTokenGenerator,
  generateToken,
  ROLES,
  type Role,
  type TokenGenerator,
  type TokenOptions,
} from './generate.js';
export { generateRestToken, type RestTokenOptions } from './rest-token.js';
export { type DecodedSessionId, decodeSessionId, type EncodeSessionIdOptions, encodeSessionId } from './session-id.js';
export {
  type ApplicationCredentials,
  acceptsAnyApiKey,
  allowAnyApiKey,
  type Credentials,
  type ProjectCredentials,
  type VerifyCredentials,
} from './validate.js';
