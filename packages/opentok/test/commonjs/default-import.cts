/**
 * `import OpenTok from 'opentok'` in a CommonJS TypeScript file (`esModuleInterop`): the
 * default import is what `require('opentok')` returns, the class.
 * @module
 */
import OpenTok, { OpenTokSDK, RoleConstants } from 'opentok';

const opentok = new OpenTok('123456', 'secret');
const sdk = new OpenTokSDK('123456', 'secret');
const moderator: 'moderator' = RoleConstants.MODERATOR;
void [opentok.apiKey, sdk.apiKey, moderator];
