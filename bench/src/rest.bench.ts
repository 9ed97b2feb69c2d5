/**
 * `@opentok/rest` against the official `opentok` client and against bare `fetch`: `createSession`
 * round trips per second, each client pointed at the same `@opentok/emulator` on 127.0.0.1,
 * one request at a time. Bounded: every row runs at most `ROW_MILLISECONDS` in all and
 * `MAX_REQUESTS` requests. Prints PASS or MISS for each target; a benchmark never fails.
 */
import { createRequire } from 'node:module';
import { startEmulator } from '@opentok/emulator';
import { createClient } from '@opentok/rest';
import { generateRestToken } from '@opentok/token';

/** The official Node SDK 2.x, as far as sessions go. */
interface OfficialOpenTok {
  createSession(
    options: { mediaMode?: string },
    callback: (error: Error | null, session?: { sessionId: string }) => void,
  ): void;
}

const require = createRequire(import.meta.url);
const OpenTok = require('official-opentok') as new (
  apiKey: string,
  apiSecret: string,
  options: { apiUrl: string },
) => OfficialOpenTok;

const credentials = { apiKey: '4567890', apiSecret: 'f2b1ad3c9e0d4a7b8c6e5f4a3b2c1d0e9f8a7b6c' };
/** Each row runs this long in all, in rounds that alternate between rows, after a warm-up. */
const ROW_MILLISECONDS = 1500;
const ROUNDS = 5;
const WARM_UP_REQUESTS = 50;
/** At most this many requests per row and round, so a very fast machine stays bounded too. */
const MAX_REQUESTS = 4000;

type Create = () => Promise<string>;

/** Sequential round trips per second of `create` for `milliseconds` of wall time. */
async function rate(create: Create, milliseconds: number): Promise<number> {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < milliseconds && calls < MAX_REQUESTS) {
    const sessionId = await create();
    if (!sessionId.startsWith('1_')) throw new Error(`unexpected session ID ${sessionId}`);
    calls += 1;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}

/** Best round of each row; the rows take turns so that load elsewhere weighs on all alike. */
async function measure(rows: readonly (readonly [string, Create])[]): Promise<Map<string, number>> {
  for (const [, create] of rows) for (let index = 0; index < WARM_UP_REQUESTS; index++) await create();
  const best = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, create] of rows) {
      best.set(name, Math.max(best.get(name) ?? 0, await rate(create, ROW_MILLISECONDS / ROUNDS)));
    }
  }
  return best;
}

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

/** Prints the table. */
export default async function restBench(): Promise<void> {
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, projects: [credentials] });
  try {
    const ours = createClient({ ...credentials, apiUrl: emulator.url });
    const official = new OpenTok(credentials.apiKey, credentials.apiSecret, { apiUrl: emulator.url });
    const form = 'archiveMode=manual&p2p.preference=disabled';
    const rows = [
      ['@opentok/rest createSession', async () => (await ours.createSession({ mediaMode: 'routed' })).sessionId],
      [
        'official opentok createSession',
        () =>
          new Promise<string>((resolve, reject) =>
            official.createSession({ mediaMode: 'routed' }, (error, session) =>
              error || !session ? reject(error ?? new Error('no session')) : resolve(session.sessionId),
            ),
          ),
      ],
      [
        'bare fetch (ceiling)',
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
          return session?.session_id ?? '';
        },
      ],
    ] as const;
    const best = await measure(rows);
    const width = Math.max(...rows.map(([name]) => name.length));
    const table = [
      `${'row'.padEnd(width)}  ${'round trips/s'.padStart(13)}`,
      `${'-'.repeat(width)}  ${'-'.repeat(13)}`,
      ...rows.map(
        ([name]) =>
          `${name.padEnd(width)}  ${Math.round(best.get(name) ?? 0)
            .toLocaleString('en-US')
            .padStart(13)}`,
      ),
    ];
    console.log(`against @opentok/emulator on 127.0.0.1, one request at a time, best of ${ROUNDS} rounds`);
    console.log(table.join('\n'));
    const oursRate = best.get(rows[0][0]) ?? 0;
    const officialRate = best.get(rows[1][0]) ?? 0;
    const fetchRate = best.get(rows[2][0]) ?? 0;
    console.log('\ntargets:');
    console.log(
      `  ${verdict(oursRate >= officialRate)}  at least as fast as the official client: ${(oursRate / officialRate).toFixed(2)}x`,
    );
    console.log(
      `  ${verdict(fetchRate / oursRate <= 1.3)}  within 1.3x of bare fetch: bare fetch is ${(fetchRate / oursRate).toFixed(2)}x ours`,
    );
  } finally {
    await emulator.close();
  }
}
