import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import OpenTok from 'opentok';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../src/main.js', import.meta.url));

describe('pnpm start', () => {
  it('serves tokens on the port it prints, with its own emulator, and stops on SIGTERM', async () => {
    const env = { ...process.env, PORT: '0' };
    delete env.OPENTOK_API_KEY;
    delete env.OPENTOK_API_SECRET;
    const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      child.stdout.setEncoding('utf8');
      const address = await new Promise((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          output += chunk;
          const match = /Listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
      });
      expect(output).toContain('using the emulator at http://127.0.0.1:');
      const body = await (await fetch(`${address}/token`)).json();
      expect(body.token).toMatch(/^eyJ/);
      // The export line, as opentok-emulator prints it, reaches the same emulator.
      const [, apiUrl, apiKey, apiSecret] =
        /export OPENTOK_API_URL=(\S+) OPENTOK_API_KEY=(\S+) OPENTOK_API_SECRET=(\S+)/.exec(output) ?? [];
      expect(apiKey).toBe(body.apiKey);
      const other = new OpenTok(apiKey, apiSecret, { apiUrl });
      expect((await other.archives.list()).count).toBe(0);
      const { sessionId } = await other.createSession();
      expect(sessionId).toMatch(/^[12]_/);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 20_000);
});
