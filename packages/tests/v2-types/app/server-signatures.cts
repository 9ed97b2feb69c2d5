/**
 * 2.x server code that relies on what `@types/opentok` declares beyond 2.23's runtime or our
 * earlier types: `null` as a layout stylesheet, the options argument of `remove*Stream`, and
 * `archive.url`, `archive.name`, `broadcast.broadcastUrls` typed as present. Never run.
 * @module
 */
import OpenTok = require('opentok');

import { express } from './http.cjs';

const opentok = new OpenTok('123456', 'secret');
const app = express();

app.post('/archive/:id/layout', (req, res) => {
  // As the official documentation does: `null` for the stylesheet of a predefined layout.
  opentok.setArchiveLayout(req.params.id, 'verticalPresentation', null, (err) => res.status(err ? 500 : 200).send(''));
});

app.delete('/archive/:id/streams/:streamId', (req, res) => {
  // The options argument @types/opentok declares (2.23's runtime takes (id, streamId, cb)).
  opentok.removeArchiveStream(req.params.id, req.params.streamId, {}, (err) => res.status(err ? 500 : 204).send(''));
});

app.post('/broadcast/:id/layout', (req, res) => {
  const type: OpenTok.BroadcastLayoutType = 'pip';
  opentok.setBroadcastLayout(req.params.id, type, null, (err) => res.status(err ? 500 : 200).send(''));
});

app.delete('/broadcast/:id/streams/:streamId', (req, res) => {
  opentok.removeBroadcastStream(req.params.id, req.params.streamId, {}, (err) => res.status(err ? 500 : 204).send(''));
});

app.post('/broadcast/start', (req, res) => {
  const options: OpenTok.BroadcastOptions = { outputs: { hls: {} }, layout: { type: 'bestFit' } };
  opentok.startBroadcast(req.body.sessionId, options, (err, broadcast) => {
    if (err) return res.status(500).send(err.message);
    // 2.x declares the URLs of a started broadcast as always present.
    const urls: OpenTok.BroadcastUrlsResponse = broadcast.broadcastUrls;
    res.json({ id: broadcast.id, hls: urls.hls });
  });
});

app.get('/archive/:id', (req, res) => {
  opentok.getArchive(req.params.id, (err, archive) => {
    if (err || !archive) return res.status(404).send('not found');
    // 2.x declares `url` and `name` as strings.
    const url: string = archive.url;
    const name: string = archive.name;
    res.json({ url: url, name: name });
  });
});
