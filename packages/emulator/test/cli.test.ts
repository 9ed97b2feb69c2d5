/** The built `opentok-emulator` bin, run as a user would. Needs `pnpm build` first (turbo does it). */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(...args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args]);
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const line = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const first = output.split('\n')[0];
      if (output.includes('\n') && first) resolve(first);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  line.catch(() => undefined); // runs that exit on purpose never print a first line
  return { child, line, output: () => output };
}

describe('opentok-emulator', () => {
  it('prints its URL and the generated project, serves it, and stops on SIGTERM', async () => {
    const { child, line } = run('--port', '0');
    const first = await line;
    const match = /(http:\/\/127\.0\.0\.1:\d+) apiKey=(\d{8}) apiSecret=([0-9a-f]{40})/.exec(first);
    expect(match).not.toBeNull();
    const [, url, apiKey, apiSecret] = match!;
    const answer = await fetch(`${url}/session/create`, {
      method: 'POST',
      headers: { 'X-TB-PARTNER-AUTH': `${apiKey}:${apiSecret}`, Accept: 'application/json' },
    });
    expect(answer.status).toBe(200);
    child.kill('SIGTERM');
    const [code, signal] = await once(child, 'exit');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });

  it('accepts --project without ever printing its secret, and stops on SIGINT', async () => {
    const { child, line, output } = run('--project', '123456:do-not-print-me', '--project=7:other-secret');
    expect(await line).toMatch(/^opentok-emulator listening on http:\/\/127\.0\.0\.1:\d+ \(projects: 2\)$/);
    child.kill('SIGINT');
    const [code, signal] = await once(child, 'exit');
    expect({ code, signal, output: output() }).toMatchObject({ code: 0, signal: null });
    expect(output()).not.toMatch(/do-not-print-me|other-secret/);
  });

  it('exits 2 with a message for bad arguments, and prints usage for --help', async () => {
    const bad = run('--project', 'abc:sneaky');
    const [code] = await once(bad.child, 'exit');
    expect(code).toBe(2);
    expect(bad.output()).toContain('--project must be KEY:SECRET');
    expect(bad.output()).not.toContain('sneaky');
    const help = run('--help');
    const [helpCode] = await once(help.child, 'exit');
    expect(helpCode).toBe(0);
    expect(help.output()).toContain('Usage: opentok-emulator');
  });
});
