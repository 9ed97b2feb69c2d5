/**
 * The constants of the original `opentok` 1.0 module (and of the original Python SDK).
 * @module
 */

/**
 * The roles a 1.0 token could carry, by their 1.0 names.
 * @example
 * opentok.generateToken({ session_id: sessionId, role: OpenTok.RoleConstants.MODERATOR })
 */
export const RoleConstants: Readonly<{ SUBSCRIBER: 'subscriber'; PUBLISHER: 'publisher'; MODERATOR: 'moderator' }> =
  /* @__PURE__ */ Object.freeze({ SUBSCRIBER: 'subscriber', PUBLISHER: 'publisher', MODERATOR: 'moderator' });

/**
 * The session properties the 1.0 facade understands, by the original Python SDK's names:
 * `p2p_preference` is the key `'p2p.preference'`, whose value is `'enabled'` (relayed, peer
 * to peer) or `'disabled'` (routed through the media router; the default).
 * @example
 * opentok.createSession(location, { [opentok.SessionProperties.p2p_preference]: 'enabled' }, callback)
 */
export const SessionProperties: Readonly<{ p2p_preference: 'p2p.preference' }> = /* @__PURE__ */ Object.freeze({
  p2p_preference: 'p2p.preference',
});
