/** `opentok archive start --transcription` against the emulator: an individual archive, transcribed. */
import { beforeAll, describe, expect, it } from 'vitest';
import { run, until, useEmulator } from './support.js';

const emulator = useEmulator();
beforeAll(() => emulator.start());

describe('opentok archive start --transcription', () => {
  it('starts an individual archive with transcription; get shows it until the transcript is ready', async () => {
    const sessionId = await emulator.routedSession();
    const start = await run(
      [
        'archive',
        'start',
        sessionId,
        '--transcription',
        '--transcription-language',
        'es-ES',
        '--transcription-summary',
        '--json',
      ],
      emulator.env(),
    );
    expect(start).toMatchObject({ code: 0, stderr: '' });
    const started = JSON.parse(start.stdout);
    expect(started).toMatchObject({
      outputMode: 'individual',
      hasTranscription: true,
      transcription: { status: 'requested', primaryLanguageCode: 'es-ES', hasSummary: true },
    });
    await emulator.opentok.archives.stop(started.id);
    await until(async () => (await emulator.opentok.archives.get(started.id)).transcription?.status === 'available');
    const get = await run(['archive', 'get', started.id], emulator.env());
    expect(get.code).toBe(0);
    expect(get.stdout).toMatch(/^transcript +available, es-ES, with summary$/m);
    expect(get.stdout).toMatch(/^textUrl +http:\/\/.*\/transcription\.json$/m);
  });

  it('refuses a composed archive with transcription, and the language without --transcription', async () => {
    const sessionId = await emulator.routedSession();
    const composed = await run(
      ['archive', 'start', sessionId, '--transcription', '--output-mode', 'composed'],
      emulator.env(),
    );
    expect(composed.code).toBe(2);
    expect(composed.stderr).toMatch(/individual/);
    const alone = await run(['archive', 'start', sessionId, '--transcription-language', 'es-ES'], emulator.env());
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--transcription');
  });
});
