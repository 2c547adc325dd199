// Preloaded with `node --require` by the benchmark: reports the process's peak
// resident set size on exit, so any Node program can be measured the same way.
'use strict';
process.on('exit', () => {
  const file = process.env.KB_BENCH_RSS_FILE;
  if (file) require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
