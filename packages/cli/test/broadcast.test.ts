/** `opentok broadcast list|get|start|stop|layout` against the emulator, human and --json. */
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, run, useEmulator } from './support.js';

const emulator = useEmulator();
beforeAll(() => emulator.start());

describe('opentok broadcast', () => {
  it('starts HLS and RTMP, shows, lists, re-lays out and stops a broadcast', async () => {
    const sessionId = await emulator.routedSession();
    const start = await run(
      [
        'broadcast',
        'start',
        sessionId,
        '--low-latency',
        '--rtmp',
        'rtmp://live.example.com/app/key-1',
        '--resolution',
        '1280x720',
      ],
      emulator.env(),
    );
    expect(start).toMatchObject({ code: 0, stderr: '' });
    const broadcastId = start.stdout.trim();
    expect(start.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    const stored = await emulator.opentok.client.broadcasts.get(broadcastId);
    expect(stored).toMatchObject({ sessionId, status: 'started', resolution: '1280x720' });
    expect(stored.broadcastUrls?.rtmp).toMatchObject([
      { serverUrl: 'rtmp://live.example.com/app', streamName: 'key-1' },
    ]);

    const again = await run(['broadcast', 'start', sessionId], emulator.env());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^opentok: POST \/v2\/project\/\d+\/broadcast failed with 409 .*\n$/);

    const get = await run(['broadcast', 'get', broadcastId], emulator.env());
    expect(get.code).toBe(0);
    expect(get.stdout).toContain(`id          ${broadcastId}\n`);
    expect(get.stdout).toContain('resolution  1280x720\n');
    expect(get.stdout).toMatch(/^hls {9}http:\/\/127\.0\.0\.1:\d+\/\S+\.m3u8/m);
    expect(get.stdout).toMatch(/^rtmp {8}rtmp:\/\/live\.example\.com\/app\/key-1/m);
    const json = await run(['broadcast', 'get', broadcastId, '--json'], emulator.env());
    // The emulator moves the outputs from connecting to live meanwhile: compare what stays.
    const { broadcastUrls, updatedAt: _updated, ...stable } = await emulator.opentok.client.broadcasts.get(broadcastId);
    expect(JSON.parse(json.stdout)).toMatchObject({ ...stable, broadcastUrls: { hls: broadcastUrls?.hls } });

    const list = await run(['broadcast', 'list', '--session', sessionId], emulator.env());
    const [header, row] = list.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID {36}STATUS +RESOLUTION +OUTPUTS +CREATED$/);
    expect(row).toMatch(new RegExp(`^${broadcastId}  started  1280x720 +hls(:\\w+)?,rtmp(:\\w+)?  \\d{4}-`));
    const listed = await run(['broadcast', 'list', '--session', sessionId, '--all', '--json'], emulator.env());
    expect(jsonLines(listed.stdout).map(({ id }) => id)).toEqual([broadcastId]);

    const layout = await run(['broadcast', 'layout', broadcastId, '--type', 'pip'], emulator.env());
    expect(layout).toMatchObject({ code: 0, stdout: `${broadcastId} layout pip\n` });

    const stop = await run(['broadcast', 'stop', broadcastId, '--json'], emulator.env());
    expect(stop.code).toBe(0);
    expect(JSON.parse(stop.stdout)).toMatchObject({ id: broadcastId, status: 'stopped', broadcastUrls: null });
  });

  it('refuses bad input: a malformed RTMP URL or exclusive HLS options (2), an unknown broadcast (1)', async () => {
    const sessionId = await emulator.routedSession();
    const rtmp = await run(['broadcast', 'start', sessionId, '--rtmp', 'http://example.com/x'], emulator.env());
    expect(rtmp.code).toBe(2);
    expect(rtmp.stderr).toBe(
      "opentok: option '--rtmp <url>' argument 'http://example.com/x' is invalid. use rtmp://host/application/streamName (or rtmps://)\n",
    );
    const hls = await run(['broadcast', 'start', sessionId, '--dvr', '--low-latency'], emulator.env());
    expect(hls).toMatchObject({ code: 2, stderr: 'opentok: --dvr and --low-latency exclude each other\n' });
    const unknown = await run(['broadcast', 'get', '7c6b5a49-0000-4000-8000-000000000000', '--json'], emulator.env());
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr).error).toMatchObject({ name: 'NotFoundError', status: 404 });
  });
});
