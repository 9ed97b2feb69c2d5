// The child process of import.bench.ts, ESM: as import-probe.cjs, with `import()`.
const [specifier, construct] = process.argv.slice(2);
if (specifier) {
  const loaded = await import(specifier);
  if (construct === 'construct') new loaded.default('123456', '1234567890abcdef1234567890abcdef12345678');
}
const usage = process.resourceUsage();
process.stdout.write(
  JSON.stringify({ cpu: (usage.userCPUTime + usage.systemCPUTime) / 1000, rss: usage.maxRSS * 1024 }),
);
