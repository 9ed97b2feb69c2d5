// Run by abort-under-gc.test.ts as `node --expose-gc abort-under-gc.mjs <mode> <stall>`: one
// download from a loopback server that accepts and never answers (`stall` = none) or answers
// headers and a first chunk and then nothing (`stall` = body), while garbage is collected every
// few milliseconds. `mode` = caller: the caller's `AbortSignal.timeout(300)`, made inline and
// kept by nobody else, must end it; `mode` = idle: the 300 ms idle timeout must. Prints one
// JSON line: `{ fired, name }`; `fired: false` when neither ended it within 20 s.
import { createServer } from 'node:net';
import { Writable } from 'node:stream';

const [mode, stall, entry] = process.argv.slice(2);
const { createClient, downloadArchive } = await import(entry);
const sockets = new Set();
const server = createServer((socket) => {
  sockets.add(socket);
  socket.on('error', () => {});
  if (stall === 'body')
    socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\nfirst'));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/archive.mp4`;
const collecting = setInterval(() => globalThis.gc(), 3);
const give = () => {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  return mode === 'caller'
    ? { sink, options: { timeout: 600_000, signal: AbortSignal.timeout(300) } }
    : { sink, options: { timeout: 300, signal: new AbortController().signal } };
};
const finish = (outcome) => {
  console.log(JSON.stringify(outcome));
  clearInterval(collecting);
  for (const socket of sockets) socket.destroy();
  server.close();
  process.exit(0);
};
setTimeout(() => finish({ fired: false }), 20_000);
const { sink, options } = give();
const download =
  process.argv[5] === 'client'
    ? createClient({ apiKey: '123456', apiSecret: 'x'.repeat(40) }).archives.download(url, sink, options)
    : downloadArchive(url, sink, options);
download.then(
  () => finish({ fired: false, resolved: true }),
  (error) => finish({ fired: true, name: error.name }),
);
