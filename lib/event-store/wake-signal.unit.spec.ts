import { expect, test } from "vitest";
import { coalescedSignal } from "./wake-signal";

/** A send that stays on its way until released, recording when each started. */
function controlledSend() {
  const started: number[] = [];
  const releases: (() => void)[] = [];
  let clock = 0;
  return {
    started,
    tick: () => ++clock,
    send: () =>
      new Promise<void>((resolve) => {
        started.push(clock);
        releases.push(resolve);
      }),
    releaseAll: () => releases.splice(0).forEach((release) => release()),
  };
}

test("signals while one notification is on its way share the next; every signal is followed by a send that starts after it", async () => {
  const c = controlledSend();
  const wake = coalescedSignal(c.send, { gapMs: 0 });
  wake.signal(); // sent at once
  expect(c.started).toEqual([0]);
  c.tick();
  for (let i = 0; i < 10; i++) wake.signal(); // all while the first is on its way
  c.releaseAll();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(c.started).toEqual([0, 1]);
  c.releaseAll();
  await wake.settled();
  expect(c.started).toHaveLength(2);

  c.tick();
  wake.signal(); // after everything settled: a send of its own
  c.releaseAll();
  await wake.settled();
  expect(c.started).toEqual([0, 1, 2]);
});

test("a failing send is reported once and does not stop later signals", async () => {
  let calls = 0;
  const warnings: unknown[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args);
  try {
    const wake = coalescedSignal(
      async () => {
        calls++;
        if (calls <= 2) throw new Error("connection refused");
      },
      { gapMs: 0 },
    );
    for (let i = 0; i < 3; i++) {
      wake.signal();
      await wake.settled();
    }
    expect(calls).toBe(3);
    expect(warnings).toHaveLength(1);
  } finally {
    console.warn = warn;
  }
});
