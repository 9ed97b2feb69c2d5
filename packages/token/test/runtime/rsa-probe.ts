/**
 * The RS256 part of the runtime matrix: in a runtime with Web Crypto alone, the async
 * functions sign with an application's PEM key and verify with its public key, and the
 * synchronous ones refuse the key, naming the async ones. The caller checks the tokens
 * with `node:crypto` and the node build.
 */
import type * as Token from '@opentok/token';

/** What {@link rsaProbe} gives back. */
export interface RsaProbeReport {
  sessionId: string;
  token: string;
  restToken: string;
  /** The claims the runtime's own verifiers returned. */
  verified: { role: string; applicationId: string | undefined; restApplicationId: string | undefined };
  /** The error of the synchronous createTokenGenerator with the application's key. */
  synchronousError: { name: string; message: string } | undefined;
}

/** Signs and verifies with the application's key through the async functions. */
export async function rsaProbe(
  library: typeof Token,
  application: { applicationId: string; privateKey: string; publicKey: string },
): Promise<string> {
  const { applicationId, privateKey, publicKey } = application;
  const sessionId = library.encodeSessionId({ applicationId });
  const sign = await library.createTokenGeneratorAsync({ applicationId, privateKey });
  const token = await sign(sessionId, { role: 'moderator', data: 'userId:42' });
  const restToken = await library.generateRestTokenAsync({ applicationId, privateKey });
  const claims = await library.verifyTokenAsync(token, { applicationId, publicKey });
  const restClaims = await library.verifyRestTokenAsync(restToken, { applicationId, publicKey });
  let synchronousError: RsaProbeReport['synchronousError'];
  try {
    library.createTokenGenerator({ applicationId, privateKey });
  } catch (error) {
    synchronousError = { name: (error as Error).name, message: (error as Error).message };
  }
  const report: RsaProbeReport = {
    sessionId,
    token,
    restToken,
    verified: { role: claims.role, applicationId: claims.applicationId, restApplicationId: restClaims.applicationId },
    synchronousError,
  };
  return JSON.stringify(report);
}
