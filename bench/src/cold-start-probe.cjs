// The child process of cold-start.bench.ts, CommonJS as a server's entry file is: loads one
// client (`ours`: opentok's 2.x class; `ours-modern`: @opentok/rest and @opentok/token;
// `official`: the official opentok 2.x), creates one routed session on the emulator at the URL
// given, signs one token for it, then prints its own CPU time and peak memory.
const [client, apiUrl, apiKey, apiSecret] = process.argv.slice(2);

/** The first session and token, as a freshly started server makes them. */
async function first() {
  if (client === 'ours') {
    const OpenTok = require('opentok');
    const opentok = new OpenTok(apiKey, apiSecret, apiUrl);
    const session = await opentok.createSession({ mediaMode: 'routed' });
    return opentok.generateToken(session.sessionId);
  }
  if (client === 'ours-modern') {
    const { createClient } = require('@opentok/rest');
    const { generateToken } = require('@opentok/token');
    const { sessionId } = await createClient({ apiKey, apiSecret, apiUrl }).createSession({ mediaMode: 'routed' });
    return generateToken({ apiKey, apiSecret }, sessionId);
  }
  const OpenTok = require('official-opentok');
  const opentok = new OpenTok(apiKey, apiSecret, { apiUrl });
  const session = await new Promise((resolve, reject) =>
    opentok.createSession({ mediaMode: 'routed' }, (error, made) => (error ? reject(error) : resolve(made))),
  );
  return opentok.generateToken(session.sessionId);
}

first().then(
  (token) => {
    if (!token.startsWith('eyJ')) throw new Error('not a JWT');
    const usage = process.resourceUsage();
    process.stdout.write(
      JSON.stringify({ cpu: (usage.userCPUTime + usage.systemCPUTime) / 1000, rss: usage.maxRSS * 1024 }),
    );
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
