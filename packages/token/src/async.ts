/**
 * The asynchronous functions: the same tokens as the synchronous ones, for a Vonage
 * application's RS256 key in runtimes where only Web Crypto signs RSA (workerd, edge
 * runtimes, browsers), where it is asynchronous. They work in every runtime and with both
 * kinds of credentials: a project's (HMAC) take the synchronous path inside.
 * @module
 */
import { createRsaSignerAsync, createRsaVerifierAsync } from '#crypto';
import { applicationInput } from './application.js';
import {
  parse,
  parseRest,
  type RestTokenClaims,
  type TokenClaims,
  type VerifyOptions,
  verifyParsed,
  verifyParsedRest,
} from './decode.js';
import { type TokenOptions, tokenSigner } from './generate.js';
import { generateRestToken, type RestTokenOptions, restTokenInput } from './rest-token.js';
import { type Credentials, checkCredentials, type VerifyCredentials } from './validate.js';

/** Signs tokens for one project or application, asynchronously; see {@link createTokenGeneratorAsync}. */
export type AsyncTokenGenerator = (sessionId: string, options?: TokenOptions) => Promise<string>;

/**
 * `createTokenGenerator` for every runtime: with a Vonage application's
 * `{ applicationId, privateKey }` (PEM PKCS #8, a `CryptoKey`, or on Node a `KeyObject`) the
 * key is imported once here and each token is signed through Web Crypto (or `node:crypto`
 * on Node); with a project's `{ apiKey, apiSecret }` the tokens are signed synchronously
 * inside, exactly as by `createTokenGenerator`.
 * @throws {InvalidArgumentError} (as a rejection) for bad credentials or a key that is not RSA.
 * @example
 * const sign = await createTokenGeneratorAsync({ applicationId, privateKey: env.VONAGE_PRIVATE_KEY })
 * const token = await sign(sessionId, { role: 'subscriber' })
 */
export async function createTokenGeneratorAsync(credentials: Credentials): Promise<AsyncTokenGenerator> {
  const [id, key, application] = checkCredentials(credentials);
  const sign = application ? await createRsaSignerAsync(key) : undefined;
  const generate = tokenSigner(credentials, () => [
    id,
    async (claims: string) => {
      const input = applicationInput(id, claims);
      return `${input}.${await sign?.(input)}`;
    },
    true,
  ]);
  return async (sessionId, options) => generate(sessionId, options);
}

/**
 * `generateToken` for every runtime (see {@link createTokenGeneratorAsync}); when signing
 * many tokens with an application's key, make one generator instead.
 * @throws {InvalidSessionIdError} or {@link InvalidArgumentError}, as rejections.
 */
export async function generateTokenAsync(
  credentials: Credentials,
  sessionId: string,
  options?: TokenOptions,
): Promise<string> {
  return (await createTokenGeneratorAsync(credentials))(sessionId, options);
}

/**
 * `generateRestToken` for every runtime: the `Authorization: Bearer` RS256 JWT of a Vonage
 * application through Web Crypto, or a project's `X-OPENTOK-AUTH` HS256 JWT.
 * @throws {InvalidArgumentError} (as a rejection) for bad credentials or options.
 */
export async function generateRestTokenAsync(credentials: Credentials, options?: RestTokenOptions): Promise<string> {
  const [input, key, application] = restTokenInput(credentials, options);
  return application
    ? `${input}.${await (await createRsaSignerAsync(key))(input)}`
    : generateRestToken(credentials, options);
}

/**
 * `verifyToken` for every runtime: an application's RS256 token checked with its public key
 * (PEM SPKI, a `CryptoKey`, a private key read for its public part, or on Node a
 * `KeyObject`) through Web Crypto; a project's token as `verifyToken` does.
 * @throws {InvalidTokenError} or {@link InvalidArgumentError}, as rejections.
 */
export async function verifyTokenAsync(
  token: string,
  credentials: VerifyCredentials,
  options?: VerifyOptions,
): Promise<TokenClaims> {
  const parsed = parse(token);
  return verifyParsed(parsed, credentials, options, await rsaValid(credentials, parsed));
}

/**
 * `verifyRestToken` for every runtime: an application's `Authorization: Bearer` RS256 JWT
 * checked with its public key through Web Crypto; a project's token as `verifyRestToken` does.
 * @throws {InvalidTokenError} or {@link InvalidArgumentError}, as rejections.
 */
export async function verifyRestTokenAsync(
  token: string,
  credentials: VerifyCredentials,
  options?: VerifyOptions,
): Promise<RestTokenClaims> {
  const parsed = parseRest(token);
  return verifyParsedRest(parsed, credentials, options, await rsaValid(credentials, parsed.parts));
}

/** The RS256 signature's validity for an application's credentials; `undefined` (checked synchronously later) for a project's. */
async function rsaValid(
  credentials: VerifyCredentials,
  signed: { input: string; signature: string },
): Promise<boolean | undefined> {
  const [, key, application] = checkCredentials(credentials);
  return application ? (await createRsaVerifierAsync(key))(signed.input, signed.signature) : undefined;
}
