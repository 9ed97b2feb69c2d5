// The child process of import.bench.ts, CommonJS: a script file, as an application is (`node -e`
// preloads node:crypto, which would hide what loading it costs). Requires the module named by
// the first argument (none: bare node), constructs its 2.x class if the second is `construct`,
// then prints its own CPU time and peak memory.
const [specifier, construct] = process.argv.slice(2);
if (specifier) {
  const loaded = require(specifier);
  if (construct === 'construct') new loaded('123456', '1234567890abcdef1234567890abcdef12345678');
}
const usage = process.resourceUsage();
process.stdout.write(
  JSON.stringify({ cpu: (usage.userCPUTime + usage.systemCPUTime) / 1000, rss: usage.maxRSS * 1024 }),
);
