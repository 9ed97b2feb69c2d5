/** `opentok archive list|get|start|stop|delete|layout` against the emulator, human and --json. */
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, run, start, useEmulator } from './support.js';

const emulator = useEmulator();
beforeAll(() => emulator.start());

const ROW =
  /^([0-9a-f-]{36})\s{2,}(\w+)\s{2,}(\S+)\s{2,}(\d+:\d\d)\s{2,}([\d.]+ K?B)\s{2,}(\d{4}-\d\d-\d\d \d\d:\d\d)$/;

describe('opentok archive', () => {
  it('start, stop, get and delete one archive, printing the ID, the status and the details', async () => {
    const sessionId = await emulator.routedSession();
    const start = await run(
      ['archive', 'start', sessionId, '--name', 'lesson-1', '--resolution', '1280x720'],
      emulator.env(),
    );
    expect(start).toMatchObject({ code: 0, stderr: '' });
    const archiveId = start.stdout.trim();
    expect(start.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(await emulator.opentok.archives.get(archiveId)).toMatchObject({
      status: 'started',
      name: 'lesson-1',
      resolution: '1280x720',
    });

    const again = await run(['archive', 'start', sessionId], emulator.env());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^opentok: POST \/v2\/project\/\d+\/archive failed with 409 \(.*\): .*in progress.*\n$/,
    );

    const stop = await run(['archive', 'stop', archiveId], emulator.env());
    expect(stop).toMatchObject({ code: 0, stdout: `${archiveId} stopped\n` });

    const get = await run(['archive', 'get', archiveId], emulator.env());
    expect(get.code).toBe(0);
    expect(get.stdout).toContain(`id          ${archiveId}\n`);
    expect(get.stdout).toContain('name        lesson-1\n');
    expect(get.stdout).toMatch(/^status {6}(stopped|available)$/m);
    const json = JSON.parse((await run(['archive', 'get', archiveId, '--json'], emulator.env())).stdout);
    expect(json).toEqual(await emulator.opentok.archives.get(archiveId));

    const deleted = await run(['archive', 'delete', archiveId, '--json'], emulator.env());
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(deleted.stdout)).toEqual({ id: archiveId, deleted: true });
    expect((await emulator.opentok.archives.get(archiveId)).status).toBe('deleted');
  });

  it('start with --json prints the archive; stop of a stopped archive is exit 1 with the 409', async () => {
    const sessionId = await emulator.routedSession();
    const start = await run(
      ['archive', 'start', sessionId, '--json', '--no-audio', '--output-mode', 'individual'],
      emulator.env(),
    );
    const archive = JSON.parse(start.stdout);
    expect(archive).toMatchObject({ sessionId, status: 'started', hasAudio: false, outputMode: 'individual' });
    expect((await run(['archive', 'stop', archive.id], emulator.env())).code).toBe(0);
    const twice = await run(['archive', 'stop', archive.id, '--json'], emulator.env());
    expect(twice.code).toBe(1);
    expect(JSON.parse(twice.stderr).error).toMatchObject({ name: 'ConflictError', status: 409 });
  });

  it('changes the layout while recording', async () => {
    const sessionId = await emulator.routedSession();
    const { id } = await emulator.opentok.archives.start(sessionId);
    const result = await run(
      ['archive', 'layout', id, '--type', 'bestFit', '--screenshare-type', 'pip'],
      emulator.env(),
    );
    expect(result).toMatchObject({ code: 0, stdout: `${id} layout bestFit\n`, stderr: '' });
    const json = await run(['archive', 'layout', id, '--type', 'pip', '--json'], emulator.env());
    expect(JSON.parse(json.stdout)).toEqual({ id, layout: { type: 'pip' } });
    const bad = await run(['archive', 'layout', id, '--type', 'custom'], emulator.env());
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')).toHaveLength(2);
    await emulator.opentok.archives.stop(id);
  });

  it('lists archives as a table with --session, --status and --all (pages through everything)', async () => {
    const { sessionId, archives } = await emulator.recordArchives(3, 'listed');
    const running = await emulator.opentok.archives.start(sessionId, { name: 'running' });

    const page = await run(['archive', 'list', '--session', sessionId, '--count', '2'], emulator.env());
    expect(page.code).toBe(0);
    const [header, ...rows] = page.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID {36}STATUS +NAME +DURATION +SIZE +CREATED$/);
    expect(rows).toHaveLength(2);
    expect(page.stderr).toBe('2 of 4 archives listed; --all lists every one\n');
    expect(rows.map((row) => ROW.exec(row)?.[1])).toEqual([running.id, archives[2]!.id]);

    const all = await run(['archive', 'list', '--session', sessionId, '--count', '2', '--all'], emulator.env());
    const allRows = all.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((row) => ROW.exec(row));
    expect(allRows.map((match) => match?.[1])).toEqual([running.id, ...archives.map(({ id }) => id).reverse()]);
    expect(allRows.map((match) => match?.[2])).toEqual(['started', 'available', 'available', 'available']);
    expect(allRows.map((match) => match?.[3])).toEqual(['running', 'listed-3', 'listed-2', 'listed-1']);
    expect(all.stderr).toBe('');

    const available = await run(
      ['archive', 'list', '--session', sessionId, '--all', '--status', 'available', '--json'],
      emulator.env(),
    );
    const lines = jsonLines(available.stdout);
    expect(lines.map(({ id }) => id)).toEqual(archives.map(({ id }) => id).reverse());
    expect(lines.every(({ status, size }) => status === 'available' && (size as number) > 0)).toBe(true);

    const none = await run(['archive', 'list', '--session', sessionId, '--status', 'failed'], emulator.env());
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: 'no archives\n' });
    await emulator.opentok.archives.stop(running.id);
  });

  it('stops quietly when the reader closes the pipe early (| head -1)', async () => {
    await emulator.recordArchives(3, 'piped');
    const listing = start(['archive', 'list', '--all', '--json'], emulator.env());
    listing.child.stdin!.end();
    listing.child.stdout!.once('data', () => listing.child.stdout!.destroy());
    const result = await listing.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('reports an unknown archive: exit 1, status and service message, one line', async () => {
    const result = await run(['archive', 'get', '0f5e7a52-2b04-4c2e-9d61-000000000000'], emulator.env());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^opentok: GET \/v2\/project\/\d+\/archive\/0f5e7a52-[\w-]+ failed with 404 \(.*\): .+\n$/,
    );
    const json = await run(['archive', 'delete', '0f5e7a52-2b04-4c2e-9d61-000000000000', '--json'], emulator.env());
    expect(JSON.parse(json.stderr).error).toMatchObject({ name: 'NotFoundError', status: 404 });
  });
});
