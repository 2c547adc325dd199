// Preloaded with `node --require` by the benchmark: reports the process's peak
// resident set size on exit, so any Node program can be measured the same way.
// Child processes started with `fork` inherit the preload and the variable,
// so a multi-process run appends one line per process ("pid parent-pid bytes");
// the benchmark tells the measured process from its workers by the pid.
'use strict';
process.on('exit', () => {
  const file = process.env.KB_BENCH_RSS_FILE;
  if (file) require('node:fs').appendFileSync(file, `${process.pid} ${process.ppid} ${process.resourceUsage().maxRSS * 1024}\n`);
});
