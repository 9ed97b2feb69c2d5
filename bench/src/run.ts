/**
 * Runs every `*.bench.ts` suite in this folder, in name order, in this one process, so the
 * figures of ours and of the official packages come from the same run on the same machine.
 * Each suite's default export is an async function that prints its own table.
 *
 * Then the same run again under Node 24 (the `node24` binary of `@opentok/node-versions`), for
 * the suites whose figures differ between Node versions: token, REST, import and cold start.
 * Users run Node 22 and 24; the machine's Node may be older. `pnpm bench rest` runs one suite
 * (on both); `--this-node-only` skips the second run. Without the binary, the second run is
 * skipped with a note.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from '@opentok/node-versions';

const here = fileURLToPath(new URL('.', import.meta.url));
const flags = process.argv.slice(2).filter((argument) => argument.startsWith('--'));
const only = process.argv.slice(2).find((argument) => !argument.startsWith('--'));
/** Set in the second run: it runs only the suites that differ between Node versions. */
const second = flags.includes('--second-node');
const SECOND_NODE_SUITES = ['token', 'rest', 'import', 'cold-start'];
const suites = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts') && (!only || file.includes(only)))
  .filter((file) => !second || SECOND_NODE_SUITES.includes(file.replace('.bench.ts', '')))
  .sort();
console.log(`${second ? '\n# ' : ''}node ${process.version} on ${process.platform}/${process.arch}`);
for (const file of suites) {
  const suite = (await import(`./${file}`)) as { default: () => Promise<void> };
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  await suite.default();
}

if (!second && !flags.includes('--this-node-only')) {
  const node24 = nodeBinary(24);
  if (!node24) console.log('\nNode 24 run skipped: @opentok/node-versions has no node24 binary (pnpm install).');
  else {
    const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--second-node', ...(only ? [only] : [])];
    const { status } = spawnSync(node24, args, { cwd: here, stdio: 'inherit' });
    if (status !== 0) process.exitCode = status ?? 1;
  }
}
