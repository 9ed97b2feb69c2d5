/** `opentok completion bash|zsh|fish`: scripts generated from the command tree; bash's run for real. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { environment, run, temporaryFolder } from './support.js';

let bashScript = '';
beforeAll(async () => {
  const result = await run(['completion', 'bash'], environment());
  expect(result).toMatchObject({ code: 0, stderr: '' });
  bashScript = join(temporaryFolder(), 'opentok.bash');
  writeFileSync(bashScript, result.stdout);
});

/** What bash completes for the words typed so far (the last one being completed). */
function complete(...words: string[]): string[] {
  const script = `source ${JSON.stringify(bashScript)}
COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_opentok; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['--norc', '-c', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter(Boolean);
}

describe('opentok completion', () => {
  it('bash: completes commands, subcommands, options and their choices', () => {
    expect(complete('opentok', 'ar')).toEqual(['archive']);
    expect(complete('opentok', '')).toEqual(
      expect.arrayContaining(['session', 'token', 'archive', 'emulator', '--json']),
    );
    expect(complete('opentok', 'archive', 'd')).toEqual(['delete', 'download']);
    expect(complete('opentok', '--profile', 'work', 'archive', 'l')).toEqual(['list', 'layout']);
    expect(complete('opentok', 'archive', 'list', '--st')).toEqual(['--status']);
    expect(complete('opentok', 'archive', 'list', '--status', 'a')).toEqual(['available']);
    expect(complete('opentok', 'token', '1_MX4', '--role', 'p')).toEqual(['publisher', 'publisheronly']);
    expect(complete('opentok', 'token', 'v')).toEqual(['verify']);
    expect(complete('opentok', 'completion', '')).toEqual(expect.arrayContaining(['bash', 'zsh', 'fish', '--help']));
    expect(complete('opentok', 'token', 'x', '--data', '')).toEqual([]);
    expect(complete('opentok', 'au')).toEqual(['audio-connector']);
    expect(complete('opentok', 'render', '')).toEqual(expect.arrayContaining(['start', 'get', 'list', 'stop']));
    expect(complete('opentok', 'render', 'list', '--status', 'st')).toEqual(['starting', 'started', 'stopped']);
    expect(complete('opentok', 'audio-connector', 'start', 's', 'ws://x', '--audio-rate', '')).toEqual([
      '8000',
      '16000',
      '24000',
    ]);
    expect(complete('opentok', 'sip', '')).toEqual(expect.arrayContaining(['dial', 'dtmf']));
    expect(complete('opentok', 'mute', 's', '--d')).toEqual(['--disable']);
  });

  it('zsh: the bash completion through bashcompinit', async () => {
    const result = await run(['completion', 'zsh'], environment());
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('#compdef opentok\n')).toBe(true);
    expect(result.stdout).toContain('autoload -U +X bashcompinit && bashcompinit\n');
    expect(result.stdout).toContain('complete -o default -F _opentok opentok\n');
    expect(spawnSync('bash', ['-n'], { input: result.stdout }).status).toBe(0);
  });

  it('prints the script inside one JSON document with --json', async () => {
    const json = await run(['completion', 'fish', '--json'], environment());
    const plain = await run(['completion', 'fish'], environment());
    expect(JSON.parse(json.stdout)).toEqual({ shell: 'fish', script: plain.stdout });
  });

  it('fish: one complete line per command, option and choice', async () => {
    const result = await run(['completion', 'fish'], environment());
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain(
      `complete -c opentok -n "__opentok_is 'archive'" -a 'download' -d 'download archives with a progress bar per file (one line per file when not on a terminal)'`,
    );
    expect(lines).toContain(
      `complete -c opentok -n "__opentok_is 'token'" -l role -x -a 'publisher subscriber moderator publisheronly' -d 'what the client may do'`,
    );
    expect(lines).toContain(`complete -c opentok -n "__opentok_is 'completion'" -a 'bash zsh fish'`);
    expect(
      lines.filter((line) => line.startsWith('complete -c opentok -n "__opentok_is \'archive download\'" -l out')),
    ).toHaveLength(1);
  });
});
