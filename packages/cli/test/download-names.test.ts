/**
 * `opentok archive download` and `opentok legacy download` against a hostile server whose
 * answers carry IDs such as `../../x`: files are named after the ID the user typed, or a plain
 * ID (a UUID) the server gave; anything else is refused before any file is opened.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonText, type Rewrite, startHostileServer } from './hostile-server.js';
import { run, temporaryFolder, useEmulator } from './support.js';

const emulator = useEmulator();
const servers: Array<{ close(): Promise<void> }> = [];
beforeAll(() => emulator.start());
afterAll(async () => {
  for (const server of servers) await server.close();
});

/** The emulator behind a hostile server; the environment pointing at the hostile one. */
async function hostile(rewrite: Rewrite) {
  const server = await startHostileServer(emulator.url, rewrite);
  servers.push(server);
  return emulator.env({ OPENTOK_API_URL: server.url });
}

/** An output folder three levels down a fresh folder, so that `../../x` lands inside `top`. */
function nested() {
  const top = temporaryFolder();
  const out = join(top, 'a', 'b', 'out');
  mkdirSync(out, { recursive: true });
  return { top, out };
}

/** Every file under `folder`, as paths relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

/** Replaces the `"id"` of the archive `id` in JSON answers by `value`. */
const archiveIdAs =
  (id: string, value: string): Rewrite =>
  (text) =>
    text.replaceAll(`"id":"${id}"`, `"id":"${jsonText(value)}"`);

describe('download names from a hostile server', () => {
  it('archive download --all refuses an archive ID like ../../x: exit 1, nothing written anywhere', async () => {
    const { sessionId, archives } = await emulator.recordArchives(2, 'traversal');
    const env = await hostile(archiveIdAs(archives[0]!.id, '../../x'));
    const { top, out } = nested();
    const result = await run(['archive', 'download', '--session', sessionId, '--all', '--out', out], env);
    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'opentok: the server gave the archive ID "../../x", which is not a plain ID (a UUID): nothing was downloaded\n',
    });
    expect(filesUnder(top)).toEqual([]);
  });

  it('shows a hostile ID escaped in the message', async () => {
    const { sessionId, archives } = await emulator.recordArchives(1, 'escape');
    const env = await hostile(archiveIdAs(archives[0]!.id, '\x1b]52;c;aGk=\x07/../x'));
    const { top, out } = nested();
    const result = await run(['archive', 'download', '--session', sessionId, '--all', '--out', out, '--json'], env);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error.message).toBe(
      'the server gave the archive ID "\\x1b]52;c;aGk=\\x07/../x", which is not a plain ID (a UUID): nothing was downloaded',
    );
    const human = await run(['archive', 'download', '--session', sessionId, '--all', '--out', out], env);
    expect(human.stderr).toBe(
      'opentok: the server gave the archive ID "\\x1b]52;c;aGk=\\x07/../x", which is not a plain ID (a UUID): nothing was downloaded\n',
    );
    expect(filesUnder(top)).toEqual([]);
  });

  it('archive download <id> names the file after the ID typed, whatever ID the answer carries', async () => {
    const { archives } = await emulator.recordArchives(1, 'typed');
    const id = archives[0]!.id;
    const env = await hostile(archiveIdAs(id, '../../x'));
    const { top, out } = nested();
    const result = await run(['archive', 'download', id, '--out', out, '--json'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ id, file: join(out, `${id}.mp4`) });
    expect(filesUnder(top)).toEqual([join('a', 'b', 'out', `${id}.mp4`)]);
  });

  it('legacy download refuses a video ID like ../../v from the manifest: exit 1, nothing written', async () => {
    const { archives } = await emulator.recordArchives(1, 'legacy-traversal');
    const archiveId = archives[0]!.id;
    const { resources } = await emulator.opentok.getArchiveManifest(archiveId);
    const env = await hostile((text) => text.replaceAll(`id="${resources[0]!.id}"`, 'id="../../v"'));
    const { top, out } = nested();
    const result = await run(['legacy', 'download', archiveId, '--out', out], env);
    expect(result).toMatchObject({
      code: 1,
      stderr:
        'opentok: the server gave the video ID "../../v", which is not a plain ID (a UUID): nothing was downloaded\n',
    });
    expect(filesUnder(top)).toEqual([]);
  });
});
