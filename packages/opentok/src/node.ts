/**
 * `opentok/node`: the Node-only helpers of `@opentok/rest/node` (streaming an archive to a
 * file with progress), re-exported so that installing `opentok` is enough.
 * @module
 */
export * from '@opentok/rest/node';
