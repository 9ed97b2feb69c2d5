/**
 * Runs every `*.bench.ts` suite in this folder, in name order, in this one process, so the
 * figures of ours and of the official packages come from the same run on the same machine.
 * Each suite's default export is an async function that prints its own table.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const suites = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts') && (!only || file.includes(only)))
  .sort();
console.log(`node ${process.version} on ${process.platform}/${process.arch}`);
for (const file of suites) {
  const suite = (await import(`./${file}`)) as { default: () => Promise<void> };
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  await suite.default();
}
