'use strict';
/**
 * Preloaded (node -r) into the processes the ranking benchmark times: at exit, the process's peak
 * resident memory (all its threads) on stderr, for scripts/bench.js to read.
 */
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
