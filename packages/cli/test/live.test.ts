/** `opentok signal|disconnect|mute`, `connection list`, `stream list|get|classes` against the emulator, human and --json. */
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, run, useEmulator } from './support.js';

const emulator = useEmulator();
beforeAll(() => emulator.start());

const UNKNOWN_SESSION = '1_MX40ODE1MTYyMzQyfn4xNzAwMDAwMDAwMDAwfm5vbmV-fg';

describe('opentok signal', () => {
  it('signals the whole session, then one connection; the emulator sees both', async () => {
    const sessionId = await emulator.routedSession();
    const { connectionId } = await emulator.connect(sessionId, false);
    const all = await run(['signal', sessionId, '--type', 'chat', '--data', 'hello, all'], emulator.env());
    expect(all).toMatchObject({ code: 0, stdout: `signal sent to session ${sessionId}\n`, stderr: '' });
    const one = await run(
      ['signal', sessionId, '--connection', connectionId, '--data', 'just you', '--json'],
      emulator.env(),
    );
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({ sessionId, connectionId, type: null, sent: true });
    const signals = (await emulator.events(sessionId)).filter(({ event }) => event === 'signal');
    expect(signals).toMatchObject([
      { type: 'chat', data: 'hello, all' },
      { type: '', data: 'just you' },
    ]);
  });

  it('refuses bad input: no --data or data over 8 kB (2), an unknown connection (1)', async () => {
    const sessionId = await emulator.routedSession();
    const missing = await run(['signal', sessionId], emulator.env());
    expect(missing).toMatchObject({ code: 2, stderr: "opentok: required option '--data <text>' not specified\n" });
    const large = await run(['signal', sessionId, '--data', 'é'.repeat(4097)], emulator.env());
    expect(large.code).toBe(2);
    expect(large.stderr).toMatch(/^opentok: .*at most 8192 bytes.*\n$/);
    const unknown = await run(
      ['signal', sessionId, '--connection', '7c6b5a49-0000-4000-8000-000000000000', '--data', 'x', '--json'],
      emulator.env(),
    );
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr).error).toMatchObject({ name: 'NotFoundError', status: 404 });
  });
});

describe('opentok connection list, disconnect', () => {
  it('lists the connections, disconnects one, and the list shrinks', async () => {
    const sessionId = await emulator.routedSession();
    const { connectionId } = await emulator.connect(sessionId, false);
    const list = await run(['connection', 'list', sessionId], emulator.env());
    expect(list.code).toBe(0);
    const [header, ...rows] = list.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +STATE +CREATED$/);
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.startsWith(connectionId))).toMatch(/ Connected +\d{4}-\d\d-\d\d \d\d:\d\d$/);

    const gone = await run(['disconnect', sessionId, connectionId], emulator.env());
    expect(gone).toMatchObject({ code: 0, stdout: `${connectionId} disconnected\n`, stderr: '' });
    const after = await run(['connection', 'list', sessionId, '--json'], emulator.env());
    const listed = jsonLines(after.stdout);
    expect(listed).toHaveLength(1);
    expect(listed.map((each) => each.connectionId)).not.toContain(connectionId);
    expect(listed).toEqual((await emulator.opentok.client.connections.list(sessionId)).items);

    const again = await run(['disconnect', sessionId, connectionId], emulator.env());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^opentok: DELETE \/v2\/project\/\d+\/session\/\S+\/connection\/\S+ failed with 404 /);
    const missing = await run(['disconnect', sessionId], emulator.env());
    expect(missing).toMatchObject({ code: 2, stderr: "opentok: missing required argument 'connectionId'\n" });
  });
});

describe('opentok stream list|get, mute', () => {
  it('lists and shows streams, mutes one, all but one, and ends the force-mute', async () => {
    const sessionId = await emulator.routedSession();
    const { streamId } = await emulator.connect(sessionId, true);
    const list = await run(['stream', 'list', sessionId], emulator.env());
    expect(list.code).toBe(0);
    const [header, ...rows] = list.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +VIDEO +NAME +CLASSES$/);
    expect(rows).toHaveLength(2);
    expect(rows.some((row) => row.startsWith(`${streamId}  `))).toBe(true);
    const json = await run(['stream', 'list', sessionId, '--json'], emulator.env());
    expect(jsonLines(json.stdout)).toEqual((await emulator.opentok.client.streams.list(sessionId)).items);

    const get = await run(['stream', 'get', sessionId, streamId!], emulator.env());
    expect(get.code).toBe(0);
    expect(get.stdout).toMatch(new RegExp(`^id {10}${streamId}\\nvideoType {3}\\S+\\nname {8}.+\\nclasses {5}.+\\n$`));
    const getJson = await run(['stream', 'get', sessionId, streamId!, '--json'], emulator.env());
    expect(JSON.parse(getJson.stdout)).toEqual(await emulator.opentok.client.streams.get(sessionId, streamId!));

    const one = await run(['mute', sessionId, streamId!], emulator.env());
    expect(one).toMatchObject({ code: 0, stdout: `${streamId} muted\n` });
    const all = await run(['mute', sessionId, '--all', '--exclude', streamId!, '--json'], emulator.env());
    expect(JSON.parse(all.stdout)).toEqual({ sessionId, forceMute: true, excludedStreamIds: [streamId] });
    const off = await run(['mute', sessionId, '--disable'], emulator.env());
    expect(off).toMatchObject({ code: 0, stdout: `force-mute of ${sessionId} ended\n` });
    const events = await emulator.events(sessionId);
    expect(events.filter(({ event }) => event === 'forceMuteAll')).toMatchObject([
      { active: true, excludedStreamIds: [streamId] },
      { active: false },
    ]);
    expect(events).toContainEqual(
      expect.objectContaining({
        event: 'streamPropertyChanged',
        streamId,
        changedProperty: 'audioMuted',
        newValue: true,
      }),
    );
  });

  it('sets the layout classes of a stream, clears them, and refuses an unknown stream', async () => {
    const sessionId = await emulator.routedSession();
    const { streamId } = await emulator.connect(sessionId, true);
    const set = await run(['stream', 'classes', sessionId, streamId!, 'full', 'focus'], emulator.env());
    expect(set).toMatchObject({ code: 0, stdout: `${streamId} classes: full focus\n`, stderr: '' });
    expect((await emulator.opentok.client.streams.get(sessionId, streamId!)).layoutClassList).toEqual([
      'full',
      'focus',
    ]);
    const cleared = await run(['stream', 'classes', sessionId, streamId!, '--json'], emulator.env());
    expect(cleared.code).toBe(0);
    expect(JSON.parse(cleared.stdout)).toEqual({ sessionId, streamId, layoutClassList: [] });
    expect((await emulator.opentok.client.streams.get(sessionId, streamId!)).layoutClassList).toEqual([]);
    const unknown = await run(
      ['stream', 'classes', sessionId, '7c6b5a49-0000-4000-8000-000000000000', 'full'],
      emulator.env(),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^opentok: PUT \S+ failed with \d{3} .*\n$/);
    const missing = await run(['stream', 'classes', sessionId], emulator.env());
    expect(missing).toMatchObject({ code: 2, stderr: "opentok: missing required argument 'streamId'\n" });
  });

  it('refuses bad input: no mode, two modes, --exclude alone (2); an unknown stream (1)', async () => {
    const sessionId = await emulator.routedSession();
    const none = await run(['mute', sessionId], emulator.env());
    expect(none).toMatchObject({ code: 2, stderr: 'opentok: give one of: a stream ID, --all, or --disable\n' });
    const two = await run(['mute', sessionId, '--all', '--disable'], emulator.env());
    expect(two.code).toBe(2);
    const exclude = await run(['mute', sessionId, 'x', '--exclude', 'y'], emulator.env());
    expect(exclude).toMatchObject({ code: 2, stderr: 'opentok: --exclude goes with --all\n' });
    const unknown = await run(['stream', 'get', sessionId, '7c6b5a49-0000-4000-8000-000000000000'], emulator.env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^opentok: GET \S+ failed with 404 .*\n$/);
    const noSession = await run(['connection', 'list', UNKNOWN_SESSION, '--json'], emulator.env());
    expect(noSession.code).not.toBe(0);
    expect(JSON.parse(noSession.stderr).error.message).toBeTruthy();
  });
});
