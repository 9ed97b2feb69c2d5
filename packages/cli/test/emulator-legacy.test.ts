/** `opentok emulator` run as a process and used by other commands; `opentok legacy manifest|download`. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { environment, run, start, temporaryFolder, until, useEmulator } from './support.js';

describe('opentok emulator', () => {
  it('prints the environment lines; the other commands work with them; Ctrl-C stops it (exit 0)', async () => {
    const emulator = start(['emulator', '--port', '0'], environment());
    const printed = await until(() => (emulator.stdout().split('\n').length > 3 ? emulator.stdout() : undefined));
    const lines = printed.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^export OPENTOK_API_URL=http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toMatch(/^export OPENTOK_API_KEY=\d{8}$/);
    expect(lines[2]).toMatch(/^export OPENTOK_API_SECRET=[0-9a-f]{40}$/);
    const pasted = Object.fromEntries(
      lines.map((line) => line.slice('export '.length).split('=', 2) as [string, string]),
    );
    const session = await run(['session', 'create', '--routed', '--json'], environment(pasted));
    expect(session.code).toBe(0);
    expect(JSON.parse(session.stdout)).toMatchObject({ apiKey: pasted.OPENTOK_API_KEY, mediaMode: 'routed' });
    emulator.child.kill('SIGINT');
    const result = await emulator.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^# opentok emulator listening on (http:\/\/127\.0\.0\.1:\d+); Ctrl-C stops it\n# dashboard: open \1\/ in a browser\n$/,
    );
  });

  it('accepts the credentials of the environment and prints only the URL; --json; stops on SIGTERM', async () => {
    const env = environment({ OPENTOK_API_KEY: '123456', OPENTOK_API_SECRET: 'my-local-secret' });
    const emulator = start(['emulator', '--json'], env);
    const printed = await until(() => (emulator.stdout().includes('\n') ? emulator.stdout() : undefined));
    const document = JSON.parse(printed);
    expect(document).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), apiKey: '123456' });
    expect(printed).not.toContain('my-local-secret');
    const session = await run(['session', 'create'], { ...env, OPENTOK_API_URL: document.url });
    expect(session.code).toBe(0);
    emulator.child.kill('SIGTERM');
    expect((await emulator.done).code).toBe(0);
  });

  it('reports a taken port: exit 1, one line', async () => {
    const first = start(['emulator'], environment());
    const url = await until(() => /OPENTOK_API_URL=(\S+)/.exec(first.stdout())?.[1]);
    const port = new URL(url).port;
    const second = await run(['emulator', '--port', port], environment());
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`^opentok: cannot listen on 127\\.0\\.0\\.1:${port}: EADDRINUSE.*\\n$`));
    first.child.kill('SIGINT');
    await first.done;
  });
});

describe('opentok legacy', () => {
  const emulator = useEmulator();
  beforeAll(() => emulator.start());

  it('shows the manifest of an archive, human and --json', async () => {
    const { sessionId, archives } = await emulator.recordArchives(1, 'legacy');
    const archiveId = archives[0]!.id;
    const manifest = await emulator.opentok.getArchiveManifest(archiveId, { sessionId });
    const human = await run(['legacy', 'manifest', archiveId, '--session', sessionId], emulator.env());
    expect(human).toMatchObject({ code: 0, stderr: '' });
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${archiveId}  ${manifest.title || '(untitled)'}`);
    expect(lines[1]).toMatch(/^VIDEO +NAME +LENGTH +STARTS$/);
    expect(lines.slice(2).map((line) => line.split(/\s{2,}/)[0])).toEqual(manifest.resources.map(({ id }) => id));
    const json = await run(['legacy', 'manifest', archiveId, '--json'], emulator.env());
    expect(JSON.parse(json.stdout)).toEqual(manifest);
  });

  it('downloads every video of an archive as FLV, one line each', async () => {
    const { archives } = await emulator.recordArchives(1, 'legacy-download');
    const archiveId = archives[0]!.id;
    const { resources } = await emulator.opentok.getArchiveManifest(archiveId);
    const out = temporaryFolder();
    const result = await run(['legacy', 'download', archiveId, '--out', out], emulator.env());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(resources.length);
    const names = resources.map(({ id }) => `${archiveId}-${id}.flv`);
    expect(readdirSync(out).sort()).toEqual(names.sort());
    for (const name of names) expect(statSync(join(out, name)).size).toBeGreaterThan(1000);
  });

  it('reports an unknown archive: exit 1, status and message', async () => {
    const result = await run(['legacy', 'manifest', '5d1e8c7a-0000-4000-8000-000000000000'], emulator.env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^opentok: GET \/archive\/getmanifest\/5d1e8c7a-[\w-]+ failed with 404 .*\n$/);
  });
});
