/**
 * An Express-style server as written for the official `opentok` 2.x module and typed with
 * `@types/opentok` 2.14.4: `import OpenTok = require('opentok')`, every 2.x method in its
 * callback form. Compiled (never run) against both `@types/opentok` and this repository's
 * `opentok`; see ../README.md.
 * @module
 */
import OpenTok = require('opentok');

import { express } from './http.cjs';

declare const process: { env: { [name: string]: string | undefined } };

const apiKey = process.env.OPENTOK_API_KEY || '123456';
const apiSecret = process.env.OPENTOK_API_SECRET || 'secret';
const env: OpenTok.Env = { timeout: 20000, uaAddendum: 'my-app/1.0' };
const opentok = new OpenTok(apiKey, apiSecret, env);
const app = express();

/** Sessions made so far, by room name. */
const rooms: { [room: string]: string } = {};

app.post('/room/:name', (req, res) => {
  const options: OpenTok.SessionOptions = { mediaMode: 'routed', archiveMode: 'manual', location: '10.0.0.1' };
  opentok.createSession(options, (err, session) => {
    if (err || !session) return res.status(500).send(String(err));
    rooms[req.params.name] = session.sessionId;
    const tokenOptions: OpenTok.TokenOptions = {
      role: 'moderator',
      data: 'name=' + req.params.name,
      expireTime: Date.now() / 1000 + 7 * 24 * 60 * 60,
      initialLayoutClassList: ['focus'],
    };
    const token: OpenTok.Token = opentok.generateToken(session.sessionId, tokenOptions);
    res.json({ apiKey: apiKey, sessionId: session.sessionId, token: token });
  });
});

app.get('/room/:name/token', (req, res) => {
  const role: OpenTok.Role = req.query.role === 'subscriber' ? 'subscriber' : 'publisher';
  res.json({ token: opentok.generateToken(rooms[req.params.name], { role: role }) });
});

app.post('/archive/start', (req, res) => {
  const layout: OpenTok.ArchiveLayoutOptions = { type: 'bestFit', screenshareType: 'pip' };
  const outputMode: OpenTok.OutputMode = req.body.outputMode === 'individual' ? 'individual' : 'composed';
  const options: OpenTok.ArchiveOptions = {
    name: 'Important Presentation',
    hasAudio: true,
    hasVideo: true,
    outputMode: outputMode,
    layout: outputMode === 'composed' ? layout : undefined,
    resolution: '1280x720',
    streamMode: 'manual',
  };
  opentok.startArchive(req.body.sessionId, options, (err, archive) => {
    if (err || !archive) return res.status(500).send(String(err));
    res.json(archive);
  });
});

app.post('/archive/:id/stop', (req, res) => {
  opentok.stopArchive(req.params.id, (err, archive) => {
    if (err) return res.status(500).send(err.message);
    res.json(archive);
  });
});

app.get('/archive/:id', (req, res) => {
  opentok.getArchive(req.params.id, (err, archive) => {
    if (err || !archive) return res.status(404).send('not found');
    const status: OpenTok.ArchiveStatus = archive.status;
    if (status === 'available') return res.json({ url: archive.url, size: archive.size, createdAt: archive.createdAt });
    // The 2.x result objects carry stop() and delete().
    archive.stop((stopError, stopped) => {
      if (stopError) return res.status(500).send(stopError.message);
      res.json(stopped);
    });
  });
});

app.delete('/archive/:id', (req, res) => {
  opentok.getArchive(req.params.id, (err, archive) => {
    if (err || !archive) return res.status(404).send('not found');
    archive.delete((deleteError) => res.status(deleteError ? 500 : 204).send(''));
  });
});

app.post('/archive/:id/purge', (req, res) => {
  opentok.deleteArchive(req.params.id, (err) => res.status(err ? 500 : 204).send(''));
});

app.get('/archives', (req, res) => {
  const options: OpenTok.ListArchivesOptions = { count: 50, offset: 0, sessionId: req.query.sessionId };
  opentok.listArchives(options, (err, archives, totalCount) => {
    if (err || !archives) return res.status(500).send(String(err));
    res.json({ totalCount: totalCount, ids: archives.map((archive) => archive.id) });
  });
});

app.post('/archive/:id/layout/custom', (req, res) => {
  const custom: OpenTok.CustomArchiveLayoutOptions = { type: 'custom', stylesheet: req.body.css };
  opentok.setArchiveLayout(req.params.id, custom.type, custom.stylesheet, (err) =>
    res.status(err ? 500 : 200).send(''),
  );
});

app.post('/archive/:id/streams/:streamId', (req, res) => {
  const patch: OpenTok.PatchStream = { hasAudio: true, hasVideo: false };
  opentok.addArchiveStream(req.params.id, req.params.streamId, patch, (err) => res.status(err ? 500 : 204).send(''));
});

app.post('/broadcast/start', (req, res) => {
  const rtmp: OpenTok.BroadcastOutputOptionsRtmp = {
    id: 'youtube',
    serverUrl: 'rtmps://a.rtmp.example.com/live2',
    streamName: req.body.streamName,
  };
  const outputs: OpenTok.BroadcastOutputOptions = { hls: {}, rtmp: [rtmp] };
  const layout: OpenTok.BroadcastLayoutOptions = { type: 'bestFit' };
  const options: OpenTok.BroadcastOptions = {
    outputs: outputs,
    maxDuration: 5400,
    resolution: '1280x720',
    streamMode: 'auto',
    layout: layout,
  };
  opentok.startBroadcast(req.body.sessionId, options, (err, broadcast) => {
    if (err) return res.status(500).send(err.message);
    res.json({ id: broadcast.id, status: broadcast.status, projectId: broadcast.projectId });
  });
});

app.post('/broadcast/:id/stop', (req, res) => {
  opentok.stopBroadcast(req.params.id, (err, stopped) => {
    if (err) return res.status(500).send(err.message);
    const response: OpenTok.BroadcastStopResponse = stopped;
    res.json({ id: response.id, sessionId: response.sessionId, updatedAt: response.updatedAt });
  });
});

app.get('/broadcast/:id', (req, res) => {
  opentok.getBroadcast(req.params.id, (err, broadcast) => {
    if (err || !broadcast) return res.status(404).send('not found');
    const found: OpenTok.Broadcast = broadcast;
    found.stop((stopError, stopped) => {
      if (stopError) return res.status(500).send(stopError.message);
      res.json({ id: stopped.id, createdAt: stopped.createdAt });
    });
  });
});

app.get('/broadcasts', (req, res) => {
  const options: OpenTok.ListBroadcastsOptions = { count: 10, offset: 0, sessionId: req.query.sessionId };
  opentok.listBroadcasts(options, (err, broadcasts) => {
    if (err || !broadcasts) return res.status(500).send(String(err));
    res.json(broadcasts.map((broadcast) => broadcast.id));
  });
});

app.post('/broadcast/:id/layout/custom', (req, res) => {
  const layout: OpenTok.BroadcastLayout = { type: 'custom', stylesheet: req.body.css };
  const custom = layout as OpenTok.CustomBroadcastLayoutOptions;
  opentok.setBroadcastLayout(req.params.id, 'custom', custom.stylesheet, (err) => res.status(err ? 500 : 200).send(''));
});

app.post('/broadcast/:id/streams/:streamId', (req, res) => {
  opentok.addBroadcastStream(req.params.id, req.params.streamId, { hasAudio: true }, (err) =>
    res.status(err ? 500 : 204).send(''),
  );
});

app.post('/session/:sessionId/signal', (req, res) => {
  const signal: OpenTok.SignalOptions = { type: 'chat', data: req.body.text };
  opentok.signal(req.params.sessionId, req.body.connectionId || null, signal, (err) =>
    res.status(err ? 500 : 204).send(''),
  );
});

app.delete('/session/:sessionId/connection/:connectionId', (req, res) => {
  opentok.forceDisconnect(req.params.sessionId, req.params.connectionId, (err) => res.status(err ? 500 : 204).send(''));
});

app.get('/session/:sessionId/stream/:streamId', (req, res) => {
  const streamId: OpenTok.StreamId = req.params.streamId;
  opentok.getStream(req.params.sessionId, streamId, (err, stream) => {
    if (err || !stream) return res.status(404).send('not found');
    const found: OpenTok.Stream = stream;
    res.json({ id: found.id, name: found.name, classes: found.layoutClassList, videoType: found.videoType });
  });
});

app.get('/session/:sessionId/streams', (req, res) => {
  opentok.listStreams(req.params.sessionId, (err, streams) => {
    if (err || !streams) return res.status(500).send(String(err));
    res.json(streams.map((stream) => stream.id));
  });
});

app.post('/session/:sessionId/streams/classes', (req, res) => {
  const classes = [{ id: req.body.streamId as string, layoutClassList: ['full', 'focus'] }];
  opentok.setStreamClassLists(req.params.sessionId, classes, (err) => res.status(err ? 500 : 204).send(''));
});

app.post('/session/:sessionId/dial', (req, res) => {
  const token: OpenTok.Token = opentok.generateToken(req.params.sessionId, { data: 'sip=true' });
  const options: OpenTok.DialOptions = {
    headers: { 'X-Room': 'lobby' },
    auth: { username: 'sip-user', password: 'sip-password' },
    secure: true,
    from: '15551115555',
    video: false,
    observeForceMute: true,
  };
  opentok.dial(req.params.sessionId, token, 'sip:user@sip.example.com;transport=tls', options, (err, call) => {
    if (err) return res.status(500).send(err.message);
    const sip: OpenTok.SipInterconnect = call;
    res.json({ id: sip.id, connectionId: sip.connectionId, streamId: sip.streamId });
  });
});

app.post('/session/:sessionId/dtmf', (req, res) => {
  opentok.playDTMF(req.params.sessionId, req.body.connectionId, '1713#', (err) => res.status(err ? 500 : 204).send(''));
});

export { app, opentok };
