/**
 * `@opentok/rest` against the official `opentok` client, against ky alone (the HTTP library we
 * use) and against bare `fetch`: round trips per second of a POST (`createSession`) and of a GET
 * (one page of archives), each client pointed at the same `@opentok/emulator` on 127.0.0.1, one
 * request at a time and (`createSession`) 16 in flight, plus the client-side CPU each call costs.
 * The emulator runs in a child process (its CLI), so that its work does not count as the
 * client's. Rows take turns in rotating order; ratios are paired: each round's ratio of two rows,
 * then the median over rounds, so that load from other processes weighs on both sides alike.
 * Bounded: every row runs at most `ROW_MILLISECONDS` in all and `MAX_REQUESTS` requests per
 * round. Prints PASS or MISS for each target; a benchmark never fails.
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClient } from '@opentok/rest';
import { generateRestToken, generateToken } from '@opentok/token';
import ky from 'ky';
import OurOpenTok from 'opentok';
import { credentials, startEmulatorProcess } from './emulator-process.js';

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

/** Each row runs this long in all, in rounds that alternate between rows, after a warm-up. */
const ROW_MILLISECONDS = 3000;
const ROUNDS = 15;
const WARM_UP_REQUESTS = 50;
/** At most this many requests per row and round, so a very fast machine stays bounded too. */
const MAX_REQUESTS = 4000;
/** Requests in flight at once in the concurrent rows. */
const IN_FLIGHT = 16;

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

/** Round trips of `call` for `milliseconds` of wall time, `inFlight` at a time. */
async function rate(call: Call, milliseconds: number, inFlight: number): Promise<Figures> {
  collectGarbage();
  let calls = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const worker = async () => {
    while (performance.now() - start < milliseconds && calls < MAX_REQUESTS) {
      calls += 1;
      if (!(await call())) throw new Error('unexpected answer');
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = performance.now() - start;
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
async function measure(rows: readonly (readonly [string, Call])[], inFlight = 1): Promise<Measured> {
  for (const [, create] of rows) for (let index = 0; index < WARM_UP_REQUESTS; index++) await create();
  const rounds = new Map<string, Figures[]>(rows.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts with another row, so that no row always follows the same one.
    for (let turn = 0; turn < rows.length; turn++) {
      const [name, create] = rows[(round + turn) % rows.length]!;
      rounds.get(name)?.push(await rate(create, ROW_MILLISECONDS / ROUNDS, inFlight));
    }
  }
  const result = new Map<string, Figures>();
  for (const [name, figures] of rounds) {
    result.set(name, {
      perSecond: median(figures.map((figure) => figure.perSecond)),
      cpuMicroseconds: median(figures.map((figure) => figure.cpuMicroseconds)),
    });
  }
  /** The median over rounds of row `name`'s `figure` over row `other`'s in the same round. */
  const paired = (figure: keyof Figures) => (name: string, other: string) => {
    const mine = rounds.get(name) ?? [];
    const theirs = rounds.get(other) ?? [];
    return median(mine.map((figures, round) => figures[figure] / (theirs[round]?.[figure] ?? Number.NaN)));
  };
  return Object.assign(result, { ratio: paired('perSecond'), cpuRatio: paired('cpuMicroseconds') });
}

/** Medians per row, and paired ratios between rows: of round trips per second, of client CPU per call. */
type Measured = Map<string, Figures> & {
  ratio(name: string, other: string): number;
  cpuRatio(name: string, other: string): number;
};

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
        'ky alone createSession (POST)',
        async () => {
          const [session] = await ky
            .post(`${emulator.url}/session/create`, {
              headers: {
                accept: 'application/json',
                'content-type': 'application/x-www-form-urlencoded',
                'x-opentok-auth': generateRestToken(credentials),
              },
              body: form,
            })
            .json<{ session_id: string }[]>();
          return isSession(session?.session_id);
        },
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
    const inFlightRows = posts.map(([name, call]) => [name.replace('(POST)', '(POST, 16 in flight)'), call] as const);
    const parallel = await measure(inFlightRows, IN_FLIGHT);
    const allRows = [...rows, ...inFlightRows];
    const figuresOf = (name: string) => best.get(name) ?? parallel.get(name);
    const width = Math.max(...allRows.map(([name]) => name.length));
    const table = [
      `${'row'.padEnd(width)}  ${'round trips/s'.padStart(13)}  ${'client CPU/call'.padStart(15)}`,
      `${'-'.repeat(width)}  ${'-'.repeat(13)}  ${'-'.repeat(15)}`,
      ...allRows.map(([name]) => {
        const figures = figuresOf(name);
        const perSecond = Math.round(figures?.perSecond ?? 0).toLocaleString('en-US');
        const cpu = `${Math.round(figures?.cpuMicroseconds ?? 0)} µs`;
        return `${name.padEnd(width)}  ${perSecond.padStart(13)}  ${cpu.padStart(15)}`;
      }),
    ];
    console.log(
      `against @opentok/emulator (child process) on 127.0.0.1, one request at a time unless marked, ` +
        `median of ${ROUNDS} rounds; node ${process.version}, load average ${loadavg()[0]!.toFixed(2)}`,
    );
    console.log(table.join('\n'));
    console.log('\ntargets (paired: the median over rounds of the ratio within each round):');
    const x = (value: number) => `${value.toFixed(2)}x`;
    for (const [kind, measured, [oursRow, officialRow, kyRow, fetchRow]] of [
      ['POST', best, posts],
      ['POST, 16 in flight', parallel, inFlightRows],
    ] as const) {
      const versus = measured.ratio(oursRow[0], officialRow[0]);
      console.log(`  ${verdict(versus >= 1)}  ${kind}: at least as fast as the official client: ${x(versus)}`);
      console.log(
        `        ky alone is ${x(measured.ratio(kyRow[0], officialRow[0]))} the official client, ` +
          `bare fetch ${x(measured.ratio(fetchRow[0], officialRow[0]))}; ours is ${x(measured.ratio(oursRow[0], kyRow[0]))} ky alone`,
      );
      console.log(
        `        client CPU per call over the official client's: ours ${x(measured.cpuRatio(oursRow[0], officialRow[0]))}, ` +
          `ky alone ${x(measured.cpuRatio(kyRow[0], officialRow[0]))}, bare fetch ${x(measured.cpuRatio(fetchRow[0], officialRow[0]))}`,
      );
    }
    const [oursGet, officialGet, fetchGet] = gets;
    const getVersus = best.ratio(oursGet[0], officialGet[0]);
    console.log(`  ${verdict(getVersus >= 1)}  GET: at least as fast as the official client: ${x(getVersus)}`);
    const postBehind = best.ratio(posts[3][0], posts[0][0]);
    console.log(
      `  ${verdict(postBehind <= 1.15)}  POST: within 1.15x of bare fetch: bare fetch is ${x(postBehind)} ours`,
    );
    const getBehind = best.ratio(fetchGet[0], oursGet[0]);
    console.log(`  ${verdict(getBehind <= 1.15)}  GET: within 1.15x of bare fetch: bare fetch is ${x(getBehind)} ours`);
    for (const [label, oursRow, officialRow] of [
      ['createSession', callbacks[0], callbacks[1]],
      ['startArchive+stopArchive', callbacks[2], callbacks[3]],
    ] as const) {
      const ratio = best.ratio(oursRow[0], officialRow[0]);
      console.log(
        `  ${verdict(ratio >= 1)}  ${label} through the 2.x callback API: at least as fast as the official client: ${x(ratio)}`,
      );
    }
  } finally {
    emulator.child.kill();
  }
}
