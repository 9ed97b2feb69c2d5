/**
 * The subpaths of `opentok` and `@opentok/rest` under `moduleResolution: node10` (the default
 * of `module: commonjs`), which reads no `exports` map: `typesVersions` points them at their
 * declarations. Our own subpaths, so compiled against this repository's packages only. Never run.
 * @module
 */
import errors = require('opentok/lib/errors');
import opentokNode = require('opentok/node');
import restNode = require('@opentok/rest/node');

export const notFound: errors.NotFoundError = new errors.NotFoundError('archive');
export const download: typeof restNode.downloadArchive = opentokNode.downloadArchive;
export const client: restNode.NodeClient = opentokNode.createClient({ apiKey: '123456', apiSecret: 'secret' });
