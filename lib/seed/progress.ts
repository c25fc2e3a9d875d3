/** A progress line every tenth of the way (and at the end), for the seed's log. */
export function progressLine(log: (line: string) => void) {
  let lastTenth = -1;
  const started = Date.now();
  return (done: number, total: number, step: string) => {
    const tenth = Math.floor((10 * done) / total);
    if (tenth === lastTenth && done !== total) return;
    lastTenth = tenth;
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    log(`[ledgerline] demo data: ${Math.round((100 * done) / total)}% (${step}, ${seconds} s)`);
  };
}
