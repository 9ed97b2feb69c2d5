/** Help, version, and usage errors: exit codes and one clear line. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { environment, run } from './support.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Every command with an action, as `opentok <path> --help` reaches it. */
const COMMANDS = [
  'session',
  'archive',
  'broadcast',
  'legacy',
  'profile',
  'session create',
  'token',
  'token decode',
  'token verify',
  'archive list',
  'archive get',
  'archive start',
  'archive stop',
  'archive delete',
  'archive layout',
  'archive download',
  'broadcast list',
  'broadcast get',
  'broadcast start',
  'broadcast stop',
  'broadcast layout',
  'signal',
  'disconnect',
  'mute',
  'connection',
  'connection list',
  'stream',
  'stream list',
  'stream get',
  'sip',
  'sip dial',
  'sip dtmf',
  'render',
  'render start',
  'render get',
  'render list',
  'render stop',
  'captions',
  'captions start',
  'captions get',
  'captions stop',
  'audio-connector',
  'audio-connector start',
  'audio-connector stop',
  'callback',
  'callback verify',
  'legacy manifest',
  'legacy download',
  'emulator',
  'profile add',
  'profile list',
  'profile remove',
  'completion',
];

describe('opentok', () => {
  it('prints its version and help, exit 0', async () => {
    const shown = await run(['--version'], environment());
    expect(shown).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    const help = await run(['--help'], environment());
    expect(help.code).toBe(0);
    for (const command of [
      'session',
      'token',
      'archive',
      'broadcast',
      'signal',
      'mute',
      'sip',
      'render',
      'captions',
      'audio-connector',
      'legacy',
      'emulator',
      'profile',
      'completion',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(help.stdout).toContain('Exit codes: 0 success, 1 the API or the network refused, 2 usage error.');
  });

  it.each(COMMANDS)('%s --help shows its usage, the global options and an example', async (path) => {
    const help = await run([...path.split(' '), '--help'], environment());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^Usage: opentok ${path} `));
    expect(help.stdout).toContain('--json');
    expect(help.stdout).toMatch(/Examples?:\n {2}\$ .*opentok /);
  });

  it('without a command prints the help on stderr and exits 2', async () => {
    const result = await run([], environment());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: opentok');
  });

  it.each([
    [['archive', 'lst'], "opentok: unknown command 'lst' (Did you mean list?)"],
    [['session', 'create', '--routd'], "opentok: unknown option '--routd' (Did you mean --routed?)"],
    [['token', 'x', '--role', 'boss'], "opentok: option '--role <role>' argument 'boss' is invalid."],
    [['token', 'x', '--expire-in', 'soon'], "opentok: option '--expire-in <duration>' argument 'soon' is invalid."],
    [['archive', 'list', '--count', '0'], "opentok: option '--count <n>' argument '0' is invalid."],
    [['archive', 'get'], "opentok: missing required argument 'archiveId'"],
    [['archive', 'layout', 'x'], "opentok: required option '--type <type>' not specified"],
    [
      ['session', 'create', '--routed', '--relayed'],
      "opentok: option '--routed' cannot be used with option '--relayed'",
    ],
    [['completion', 'tcsh'], "opentok: command-argument value 'tcsh' is invalid for argument 'shell'."],
  ])('%j is a usage error: exit 2 and one line', async (args, line) => {
    const result = await run(args, environment());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(result.stderr.startsWith(line)).toBe(true);
  });

  it('reports a usage error as one JSON document with --json', async () => {
    const result = await run(['archive', 'lst', '--json'], environment());
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toEqual({
      error: { name: 'UsageError', message: "unknown command 'lst' (Did you mean list?)" },
    });
  });

  it('asks for credentials it cannot find, exit 2, without prompting when not on a terminal', async () => {
    const noKey = await run(['session', 'create'], environment());
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toBe(
      'opentok: no API key: pass --api-key, set OPENTOK_API_KEY (or VONAGE_APPLICATION_ID), or add a profile with "opentok profile add"\n',
    );
    const noSecret = await run(['session', 'create'], environment({ OPENTOK_API_KEY: '123456' }));
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toBe(
      'opentok: no API secret for API key 123456: set OPENTOK_API_SECRET, add a profile, or run in a terminal to be asked\n',
    );
    const vonage = await run(['session', 'create'], environment({ VONAGE_APPLICATION_ID: 'a-b-c' }));
    expect(vonage.code).toBe(2);
    expect(vonage.stderr).toBe('opentok: the application ID must be a UUID\n');
  });
});
