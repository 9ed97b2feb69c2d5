/**
 * `opentok archive download`: several files with a progress bar each under a pseudo-terminal,
 * one line per file without one, JSON lines with --json; Ctrl-C and failures leave no partial file.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Archive } from 'opentok';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BIN,
  jsonLines,
  run,
  runInTerminal,
  shellQuote,
  start,
  temporaryFolder,
  until,
  useEmulator,
} from './support.js';

const emulator = useEmulator();
beforeAll(() => emulator.start());

const mediaPath = (archive: Archive) => new URL(archive.url!).pathname;

/** The next download of `archive` sends its head and `bytes` bytes, then stalls (about 5 s, the emulator's idle timeout). */
function stall(archive: Archive, bytes = 100_000) {
  return emulator.fault({
    method: 'GET',
    path: mediaPath(archive),
    status: 200,
    contentType: 'video/mp4',
    headers: { 'Content-Length': String(archive.size) },
    body: 'x'.repeat(bytes),
  });
}

/** Strips the terminal's control sequences. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what this removes.
const plain = (text: string) => text.replace(/\x1b\[[?\d;]*[A-Za-z]/g, '').replace(/\r/g, '');

describe('opentok archive download', () => {
  it('downloads several archives, one line per file when stdout is not a terminal', async () => {
    const { sessionId, archives } = await emulator.recordArchives(3, 'download');
    const out = join(temporaryFolder(), 'recordings');
    const result = await run(['archive', 'download', '--session', sessionId, '--all', '--out', out], emulator.env());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const archive of archives) {
      const path = join(out, `${archive.id}.mp4`);
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^${path}  307\\.8 KB in [\\d.]+s \\([\\d.]+ [KMG]?B/s\\)$`)),
      );
      expect(statSync(path).size).toBe(archive.size);
    }
    const served = await (await fetch(archives[0]!.url!)).arrayBuffer();
    expect(readFileSync(join(out, `${archives[0]!.id}.mp4`)).equals(Buffer.from(served))).toBe(true);
    expect(readdirSync(out).sort()).toEqual(archives.map(({ id }) => `${id}.mp4`).sort());
  });

  it('prints one JSON document per file with --json, and takes archive IDs', async () => {
    const { archives } = await emulator.recordArchives(2, 'json');
    const out = temporaryFolder();
    const result = await run(
      ['archive', 'download', ...archives.map(({ id }) => id), '--out', out, '--json'],
      emulator.env(),
    );
    expect(result.code).toBe(0);
    const documents = jsonLines(result.stdout);
    expect(documents.map(({ id }) => id).sort()).toEqual(archives.map(({ id }) => id).sort());
    for (const document of documents) {
      expect(document).toMatchObject({ file: join(out, `${document.id}.mp4`), bytes: archives[0]!.size });
      expect(typeof document.seconds).toBe('number');
    }
  });

  it('resumes and skips nothing silently: an existing file is exit 1 unless --force or --skip-existing', async () => {
    const { archives } = await emulator.recordArchives(1, 'exists');
    const out = temporaryFolder();
    const path = join(out, `${archives[0]!.id}.mp4`);
    writeFileSync(path, 'an older file');
    const refused = await run(['archive', 'download', archives[0]!.id, '--out', out], emulator.env());
    expect(refused).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `opentok: ${path} exists: --force overwrites it, --skip-existing skips it\n`,
    });
    const skipped = await run(
      ['archive', 'download', archives[0]!.id, '--out', out, '--skip-existing'],
      emulator.env(),
    );
    expect(skipped).toMatchObject({ code: 0, stdout: '', stderr: `skipped ${path} (exists)\n` });
    expect(readFileSync(path, 'utf8')).toBe('an older file');
    const forced = await run(['archive', 'download', archives[0]!.id, '--out', out, '--force'], emulator.env());
    expect(forced.code).toBe(0);
    expect(statSync(path).size).toBe(archives[0]!.size);
  });

  it('leaves no partial file when a download is cut short; the others complete; exit 1', async () => {
    const { sessionId, archives } = await emulator.recordArchives(2, 'cut');
    await emulator.fault({ method: 'GET', path: mediaPath(archives[0]!), truncateAfterBytes: 65536 });
    const out = temporaryFolder();
    const result = await run(['archive', 'download', '--session', sessionId, '--all', '--out', out], emulator.env());
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${join(out, archives[1]!.id)}\\.mp4  307\\.8 KB in `));
    const errors = result.stderr.trimEnd().split('\n');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(new RegExp(`^opentok: ${join(out, archives[0]!.id)}\\.mp4 failed: .+`));
    expect(errors[1]).toBe('opentok: 1 of 2 downloads failed');
    expect(readdirSync(out)).toEqual([`${archives[1]!.id}.mp4`]);
  });

  it('refuses an archive that is still recording: exit 1, one line', async () => {
    const sessionId = await emulator.routedSession();
    const recording = await emulator.opentok.archives.start(sessionId);
    const out = temporaryFolder();
    const result = await run(['archive', 'download', recording.id, '--out', out], emulator.env());
    expect(result).toMatchObject({
      code: 1,
      stderr: `opentok: archive ${recording.id} cannot be downloaded: its status is started\n`,
    });
    expect(readdirSync(out)).toEqual([]);
    await emulator.opentok.archives.stop(recording.id);
    const usage = await run(['archive', 'download', '--session', sessionId], emulator.env());
    expect(usage).toMatchObject({ code: 2, stderr: 'opentok: give archive IDs, or --all (with --session)\n' });
  });

  it('on SIGINT stops, removes the partial file, keeps the complete ones, and exits 130', async () => {
    const { sessionId, archives } = await emulator.recordArchives(2, 'interrupted');
    // archives[0] is the older one: listed last, downloaded second.
    await stall(archives[0]!);
    const out = temporaryFolder();
    const download = start(
      ['archive', 'download', '--session', sessionId, '--all', '--out', out, '--parallel', '1'],
      emulator.env(),
    );
    // The stalled download's partial file exists (the other one is complete by then).
    await until(() => {
      if (download.child.exitCode !== null) throw new Error(`exited ${download.child.exitCode}: ${download.stderr()}`);
      return readdirSync(out).find((name) => name.startsWith(`.${archives[0]!.id}.mp4.`) && name.endsWith('.part'));
    });
    expect(readdirSync(out)).toContain(`${archives[1]!.id}.mp4`);
    download.child.kill('SIGINT');
    const result = await download.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('opentok: interrupted: no partial file was left\n');
    expect(readdirSync(out)).toEqual([`${archives[1]!.id}.mp4`]);
  });

  it('on SIGTERM also removes the partial file, and exits 143', async () => {
    const { sessionId, archives } = await emulator.recordArchives(1, 'terminated');
    await stall(archives[0]!);
    const out = temporaryFolder();
    const download = start(['archive', 'download', '--session', sessionId, '--all', '--out', out], emulator.env());
    await until(() => {
      if (download.child.exitCode !== null) throw new Error(`exited ${download.child.exitCode}: ${download.stderr()}`);
      return readdirSync(out).find((name) => name.endsWith('.part'));
    });
    download.child.kill('SIGTERM');
    const result = await download.done;
    expect(result.code).toBe(143);
    expect(result.stderr).toBe('opentok: interrupted: no partial file was left\n');
    expect(readdirSync(out)).toEqual([]);
  });

  it('shows a progress bar per file (bytes, rate, ETA) under a terminal, and Ctrl-C leaves no partial file', async () => {
    const { sessionId, archives } = await emulator.recordArchives(2, 'terminal');
    await stall(archives[0]!);
    const out = temporaryFolder();
    const command = [BIN, 'archive', 'download', '--session', sessionId, '--all', '--out', out, '--parallel', '1'];
    const terminal = runInTerminal(
      `${shellQuote(process.execPath)} ${command.map(shellQuote).join(' ')}`,
      emulator.env(),
    );
    const bar = new RegExp(
      `^${archives[0]!.id}\\.mp4  \\[#{8}-{16}\\]   32%  100\\.0 KB/307\\.8 KB  [\\d.]+ [KMG]?B/s  ETA (--|(\\d+m)?\\d+s)$`,
      'm',
    );
    await until(() => bar.test(plain(terminal.output()))).catch((error) => {
      throw new Error(`no bar in ${JSON.stringify(plain(terminal.output()))}`, { cause: error });
    });
    terminal.child.stdin!.write('\x03'); // Ctrl-C, as typed: the terminal sends SIGINT
    const { code, output } = await terminal.done;
    expect(code).toBe(130);
    const text = plain(output);
    expect(text).toMatch(new RegExp(`${join(out, archives[1]!.id)}\\.mp4  307\\.8 KB in [\\d.]+s \\(`));
    expect(text).toContain('opentok: interrupted: no partial file was left');
    expect(readdirSync(out)).toEqual([`${archives[1]!.id}.mp4`]);
  });

  it('under a terminal, ends every bar with its summary line', async () => {
    const { sessionId, archives } = await emulator.recordArchives(3, 'bars');
    const out = temporaryFolder();
    const command = [BIN, 'archive', 'download', '--session', sessionId, '--all', '--out', out];
    const terminal = runInTerminal(
      `${shellQuote(process.execPath)} ${command.map(shellQuote).join(' ')}`,
      emulator.env(),
    );
    terminal.child.stdin!.end();
    const { code, output } = await terminal.done;
    expect(code).toBe(0);
    expect(output).toContain('\x1b['); // drawn in place, not as plain lines
    const text = plain(output);
    for (const archive of archives) {
      expect(text).toMatch(new RegExp(`${join(out, archive.id)}\\.mp4  307\\.8 KB in [\\d.]+s \\(`));
    }
    expect(readdirSync(out).sort()).toEqual(archives.map(({ id }) => `${id}.mp4`).sort());
  });
});
