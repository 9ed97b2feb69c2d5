/**
 * Text from other people (archive, stream and broadcast names, service messages) printed by the
 * commands: a hostile server's names carry terminal sequences (OSC 52 clipboard writes, screen
 * clears, carriage returns, line feeds, C1 CSI, bidi overrides). Human output shows them escaped,
 * one row per item; `--json` keeps them exact, with no raw control or bidi character either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonText, type Rewrite, startHostileServer } from './hostile-server.js';
import { jsonLines, run, useEmulator } from './support.js';

const emulator = useEmulator();
const servers: Array<{ close(): Promise<void> }> = [];
beforeAll(() => emulator.start());
afterAll(async () => {
  for (const server of servers) await server.close();
});

/** Everything a terminal must not be sent raw: controls but the line feed, DEL, C1, bidi. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const HOSTILE = 'evil\x1b]52;c;aGFja2Vk\x07\x1b[2J\r\nfake line\u202e\x9b31m\x7f\u2066';
const SHOWN = 'evil\\x1b]52;c;aGFja2Vk\\x07\\x1b[2J\\r\\nfake line\\u202e\\x9b31m\\x7f\\u2066';

/** The emulator behind a hostile server; the environment pointing at the hostile one. */
async function hostile(rewrite: Rewrite) {
  const server = await startHostileServer(emulator.url, rewrite);
  servers.push(server);
  return emulator.env({ OPENTOK_API_URL: server.url });
}

/** Every `"name"` of every answer becomes the hostile name. */
const hostileNames: Rewrite = (text) => text.replace(/"name":"[^"]*"/g, `"name":"${jsonText(HOSTILE)}"`);

const printed = (result: { stdout: string; stderr: string }) => result.stdout + result.stderr;

describe('text from the server', () => {
  it('archive list and get show hostile names escaped, one row per archive', async () => {
    const { sessionId, archives } = await emulator.recordArchives(2, 'hostile');
    const env = await hostile(hostileNames);
    const list = await run(['archive', 'list', '--session', sessionId], env);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(printed(list)).not.toMatch(RAW);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const archive of archives)
      expect(lines).toContainEqual(expect.stringContaining(`${archive.id}  available  ${SHOWN}  `));

    const get = await run(['archive', 'get', archives[0]!.id], env);
    expect(get.code).toBe(0);
    expect(printed(get)).not.toMatch(RAW);
    expect(get.stdout).toContain(`\nname        ${SHOWN}\n`);
  });

  it('--json keeps hostile names exact, with no raw control or bidi character in the bytes', async () => {
    const { sessionId } = await emulator.recordArchives(1, 'hostile-json');
    const env = await hostile(hostileNames);
    const list = await run(['archive', 'list', '--session', sessionId, '--json'], env);
    expect(list.code).toBe(0);
    expect(printed(list)).not.toMatch(RAW);
    expect(jsonLines(list.stdout).map(({ name }) => name)).toEqual([HOSTILE]);
  });

  it('stream list and get show hostile stream names escaped', async () => {
    const sessionId = await emulator.routedSession();
    const env = await hostile(hostileNames);
    const list = await run(['stream', 'list', sessionId], env);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(printed(list)).not.toMatch(RAW);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`  ${SHOWN}  `);
    const streamId = lines[1]!.split(' ')[0]!;
    const get = await run(['stream', 'get', sessionId, streamId], env);
    expect(get.code).toBe(0);
    expect(printed(get)).not.toMatch(RAW);
    expect(get.stdout).toContain(`\nname        ${SHOWN}\n`);
    const json = await run(['stream', 'get', sessionId, streamId, '--json'], env);
    expect(printed(json)).not.toMatch(RAW);
    expect(JSON.parse(json.stdout).name).toBe(HOSTILE);
  });

  it('error lines stay one line with no raw control: a service message, a typed argument', async () => {
    const env = await hostile((text, _path, status) =>
      status >= 400 ? text.replace(/"message":"[^"]*"/, `"message":"${jsonText(HOSTILE)}"`) : text,
    );
    const unknown = '5d1e8c7a-0000-4000-8000-000000000000';
    const human = await run(['archive', 'get', unknown], env);
    expect(human.code).toBe(1);
    expect(printed(human)).not.toMatch(RAW);
    expect(human.stderr.split('\n')).toHaveLength(2); // one line and its newline
    const json = await run(['archive', 'get', unknown, '--json'], env);
    expect(printed(json)).not.toMatch(RAW);
    expect(JSON.parse(json.stderr).error.status).toBe(404);

    // A usage error quotes what was typed (pasted from elsewhere): escaped too, exact in JSON.
    const typed = await run(['archive', 'list', '--status', HOSTILE], env);
    expect(typed.code).toBe(2);
    expect(printed(typed)).not.toMatch(RAW);
    expect(typed.stderr).toContain("argument 'evil\\x1b]52;c;aGFja2Vk\\x07\\x1b[2J");
    expect(typed.stderr.split('\n')).toHaveLength(2);
    const typedJson = await run(['archive', 'list', '--status', HOSTILE, '--json'], env);
    expect(printed(typedJson)).not.toMatch(RAW);
    expect(JSON.parse(typedJson.stderr).error.message).toContain('fake line\u202e\x9b31m\x7f\u2066');
  });
});
