/**
 * `@opentok/rest` against the official `opentok` client and against bare `fetch`: round trips per
 * second of a POST (`createSession`) and of a GET (one page of archives), each client pointed at the same `@opentok/emulator` on 127.0.0.1,
 * one request at a time, plus the client-side CPU each call costs. The emulator runs in a child
 * process (its CLI), so that its work does not count as the client's. Bounded: every row runs at
 * most `ROW_MILLISECONDS` in all and `MAX_REQUESTS` requests per round. Prints PASS or MISS for
 * each target; a benchmark never fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClient } from '@opentok/rest';
import { generateRestToken, generateToken } from '@opentok/token';
import OurOpenTok from 'opentok';

/** The official Node SDK 2.x, as far as sessions and archive lists go. */
interface OfficialOpenTok {
  createSession(
    options: { mediaMode?: string },
    callback: (error: Error | null, session?: { sessionId: string }) => void,
  ): void;
  listArchives(options: { count?: number }, callback: (error: Error | null, archives?: unknown[]) => void): void;
  startArchive(
    sessionId: string,
    options: object,
    callback: (error: Error | null, archive?: { id: string }) => void,
  ): void;
  stopArchive(archiveId: string, callback: (error: Error | null, archive?: { status: string }) => void): void;
}

/** The callback API both 2.x clients share, for the rows that compare them. */
type CallbackClient = Pick<OfficialOpenTok, 'createSession' | 'startArchive' | 'stopArchive'>;

/** createSession through a 2.x callback API. */
function createSession2x(client: CallbackClient): Promise<boolean> {
  return new Promise((resolve, reject) =>
    client.createSession({ mediaMode: 'routed' }, (error, session) =>
      error || !session ? reject(error ?? new Error('no session')) : resolve(session.sessionId.startsWith('1_')),
    ),
  );
}

/** startArchive then stopArchive through a 2.x callback API (one session records one archive at a time). */
function startStopArchive2x(client: CallbackClient, sessionId: string): Promise<boolean> {
  return new Promise((resolve, reject) =>
    client.startArchive(sessionId, {}, (error, archive) => {
      if (error || !archive) return reject(error ?? new Error('no archive'));
      client.stopArchive(archive.id, (stopError, stopped) =>
        stopError || !stopped ? reject(stopError ?? new Error('no archive')) : resolve(stopped.status === 'stopped'),
      );
    }),
  );
}

/** A routed session with one publisher, joined through the emulator's control API. */
async function routedSessionWithPublisher(url: string, client: ReturnType<typeof createClient>): Promise<string> {
  const { sessionId } = await client.createSession({ mediaMode: 'routed' });
  const token = generateToken(credentials, sessionId);
  const response = await fetch(`${url}/_emulator/sessions/${encodeURIComponent(sessionId)}/connections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, publish: true }),
  });
  if (response.status !== 201) throw new Error(`join failed: ${response.status}`);
  return sessionId;
}

const require = createRequire(import.meta.url);
const OpenTok = require('official-opentok') as new (
  apiKey: string,
  apiSecret: string,
  options: { apiUrl: string },
) => OfficialOpenTok;

const credentials = { apiKey: '4567890', apiSecret: 'f2b1ad3c9e0d4a7b8c6e5f4a3b2c1d0e9f8a7b6c' };
/** Each row runs this long in all, in rounds that alternate between rows, after a warm-up. */
const ROW_MILLISECONDS = 2000;
const ROUNDS = 10;
const WARM_UP_REQUESTS = 50;
/** At most this many requests per row and round, so a very fast machine stays bounded too. */
const MAX_REQUESTS = 4000;

/** One call; resolves with `true` when the answer is what the row expects. */
type Call = () => Promise<boolean>;

interface Figures {
  /** Round trips per wall-clock second. */
  perSecond: number;
  /** Microseconds of this process's CPU per call. */
  cpuMicroseconds: number;
}

/**
 * A full garbage collection, so that no row pays for the garbage of the row before it (the
 * flag is set at run time because `pnpm bench` starts node without `--expose-gc`).
 */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** Sequential round trips of `call` for `milliseconds` of wall time. */
async function rate(call: Call, milliseconds: number): Promise<Figures> {
  collectGarbage();
  let calls = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < milliseconds && calls < MAX_REQUESTS) {
    if (!(await call())) throw new Error('unexpected answer');
    calls += 1;
    elapsed = performance.now() - start;
  }
  const used = process.cpuUsage(cpu);
  return { perSecond: (calls * 1000) / elapsed, cpuMicroseconds: (used.user + used.system) / calls };
}

/** The median of some numbers. */
const median = (values: number[]): number => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Median round of each row: the rows take turns, in a rotating order, for {@link ROUNDS} short
 * rounds, so that load from other processes weighs on all rows alike, and the median keeps one
 * lucky or unlucky round from deciding.
 */
async function measure(rows: readonly (readonly [string, Call])[]): Promise<Map<string, Figures>> {
  for (const [, create] of rows) for (let index = 0; index < WARM_UP_REQUESTS; index++) await create();
  const rounds = new Map<string, Figures[]>(rows.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts with another row, so that no row always follows the same one.
    for (let turn = 0; turn < rows.length; turn++) {
      const [name, create] = rows[(round + turn) % rows.length]!;
      rounds.get(name)?.push(await rate(create, ROW_MILLISECONDS / ROUNDS));
    }
  }
  const result = new Map<string, Figures>();
  for (const [name, figures] of rounds) {
    result.set(name, {
      perSecond: median(figures.map((figure) => figure.perSecond)),
      cpuMicroseconds: median(figures.map((figure) => figure.cpuMicroseconds)),
    });
  }
  return result;
}

/** Starts the emulator's CLI in a child process and resolves with its URL. */
function startEmulatorProcess(): Promise<{ url: string; child: ChildProcess }> {
  const cli = join(dirname(require.resolve('@opentok/emulator/package.json')), 'dist/cli.js');
  const child = spawn(
    process.execPath,
    [cli, '--host', '127.0.0.1', '--port', '0', '--project', `${credentials.apiKey}:${credentials.apiSecret}`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('the emulator did not start within 10 s'));
    }, 10_000);
    child.once('error', reject);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child });
      }
    });
  });
}

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

/** Prints the table. */
export default async function restBench(): Promise<void> {
  const emulator = await startEmulatorProcess();
  try {
    const ours = createClient({ ...credentials, apiUrl: emulator.url });
    const official = new OpenTok(credentials.apiKey, credentials.apiSecret, { apiUrl: emulator.url });
    const form = 'archiveMode=manual&p2p.preference=disabled';
    const isSession = (sessionId: string | undefined) => sessionId?.startsWith('1_') === true;
    const posts = [
      [
        '@opentok/rest createSession (POST)',
        async () => isSession((await ours.createSession({ mediaMode: 'routed' })).sessionId),
      ],
      [
        'official opentok createSession (POST)',
        () =>
          new Promise<boolean>((resolve, reject) =>
            official.createSession({ mediaMode: 'routed' }, (error, session) =>
              error || !session ? reject(error ?? new Error('no session')) : resolve(isSession(session.sessionId)),
            ),
          ),
      ],
      [
        'bare fetch createSession (POST)',
        async () => {
          const response = await fetch(`${emulator.url}/session/create`, {
            method: 'POST',
            headers: {
              accept: 'application/json',
              'content-type': 'application/x-www-form-urlencoded',
              'x-opentok-auth': generateRestToken(credentials),
            },
            body: form,
          });
          const [session] = (await response.json()) as { session_id: string }[];
          return isSession(session?.session_id);
        },
      ],
    ] as const;
    const gets = [
      ['@opentok/rest archives.list (GET)', async () => Array.isArray((await ours.archives.list({ count: 1 })).items)],
      [
        'official opentok listArchives (GET)',
        () =>
          new Promise<boolean>((resolve, reject) =>
            official.listArchives({ count: 1 }, (error, archives) =>
              error ? reject(error) : resolve(Array.isArray(archives)),
            ),
          ),
      ],
      [
        'bare fetch archive list (GET)',
        async () => {
          const response = await fetch(`${emulator.url}/v2/project/${credentials.apiKey}/archive?count=1`, {
            headers: { accept: 'application/json', 'x-opentok-auth': generateRestToken(credentials) },
          });
          return Array.isArray(((await response.json()) as { items?: unknown }).items);
        },
      ],
    ] as const;
    // The 2.x callback API of `opentok` beside the official 2.x client, call for call.
    const ours2x = new OurOpenTok(credentials.apiKey, credentials.apiSecret, emulator.url) as unknown as CallbackClient;
    const ourSession = await routedSessionWithPublisher(emulator.url, ours);
    const officialSession = await routedSessionWithPublisher(emulator.url, ours);
    const callbacks = [
      ['opentok 2.x API createSession (callback)', () => createSession2x(ours2x)],
      ['official opentok createSession (callback)', () => createSession2x(official)],
      ['opentok 2.x API startArchive+stopArchive (callback)', () => startStopArchive2x(ours2x, ourSession)],
      ['official opentok startArchive+stopArchive (callback)', () => startStopArchive2x(official, officialSession)],
    ] as const;
    const rows = [...posts, ...gets, ...callbacks];
    const best = await measure(rows);
    const width = Math.max(...rows.map(([name]) => name.length));
    const table = [
      `${'row'.padEnd(width)}  ${'round trips/s'.padStart(13)}  ${'client CPU/call'.padStart(15)}`,
      `${'-'.repeat(width)}  ${'-'.repeat(13)}  ${'-'.repeat(15)}`,
      ...rows.map(([name]) => {
        const figures = best.get(name);
        const perSecond = Math.round(figures?.perSecond ?? 0).toLocaleString('en-US');
        const cpu = `${Math.round(figures?.cpuMicroseconds ?? 0)} µs`;
        return `${name.padEnd(width)}  ${perSecond.padStart(13)}  ${cpu.padStart(15)}`;
      }),
    ];
    console.log(
      `against @opentok/emulator (child process) on 127.0.0.1, one request at a time, median of ${ROUNDS} rounds`,
    );
    console.log(table.join('\n'));
    console.log('\ntargets:');
    for (const [kind, [oursRow, officialRow, fetchRow]] of [
      ['POST', posts],
      ['GET', gets],
    ] as const) {
      const oursRate = best.get(oursRow[0])?.perSecond ?? 0;
      const officialRate = best.get(officialRow[0])?.perSecond ?? 0;
      const fetchRate = best.get(fetchRow[0])?.perSecond ?? 0;
      console.log(
        `  ${verdict(oursRate >= officialRate)}  ${kind}: at least as fast as the official client: ${(oursRate / officialRate).toFixed(2)}x`,
      );
      console.log(
        `  ${verdict(fetchRate / oursRate <= 1.15)}  ${kind}: within 1.15x of bare fetch: bare fetch is ${(fetchRate / oursRate).toFixed(2)}x ours`,
      );
    }
    for (const [label, oursRow, officialRow] of [
      ['createSession', callbacks[0], callbacks[1]],
      ['startArchive+stopArchive', callbacks[2], callbacks[3]],
    ] as const) {
      const ratio = (best.get(oursRow[0])?.perSecond ?? 0) / (best.get(officialRow[0])?.perSecond ?? 1);
      console.log(
        `  ${verdict(ratio >= 1)}  ${label} through the 2.x callback API: at least as fast as the official client: ${ratio.toFixed(2)}x`,
      );
    }
  } finally {
    emulator.child.kill();
  }
}
