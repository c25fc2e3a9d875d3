/**
 * A clock that can jump, for an app process: preloaded with
 * `NODE_OPTIONS=--import <this file>`, it shifts Date by the milliseconds
 * written in the file LEDGERLINE_TEST_CLOCK_FILE names (re-read every 50 ms),
 * so a test jumps the running app's clock back by writing "-3600000" there.
 * Only wall-clock time moves (Date); timers and PostgreSQL's clock do not.
 */
import fs from "node:fs";

const file = process.env.LEDGERLINE_TEST_CLOCK_FILE;
if (file) {
  const RealDate = Date;
  let offset = 0;
  const read = () => {
    try {
      offset = Number(fs.readFileSync(file, "utf8").trim()) || 0;
    } catch {
      // keep the last offset while the file is being rewritten
    }
  };
  read();
  setInterval(read, 50).unref();
  const now = () => RealDate.now() + offset;
  // A function, not a class: `Date()` without `new` must still work (it answers a string).
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
  }
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = now;
  ShiftedDate.parse = RealDate.parse;
  ShiftedDate.UTC = RealDate.UTC;
  globalThis.Date = ShiftedDate;
}
