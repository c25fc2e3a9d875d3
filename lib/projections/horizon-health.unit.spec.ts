import { describe, expect, test } from "vitest";
import type { ReadHorizon } from "@/lib/event-store";
import { horizonHealth } from "./health";

const stuck: ReadHorizon = {
  safePosition: 10,
  headPosition: 14,
  waitingEvents: 4,
  oldestWaitingSeconds: 90,
  oldestOpenTransaction: {
    pid: 4242,
    database: "ledgerline",
    state: "idle in transaction",
    ageSeconds: 95,
    query: "UPDATE accounts SET billing_email = 'ap@contoso.example'",
  },
};

describe("horizonHealth", () => {
  test("names the transaction holding the horizon back; its SQL only for those who operate projections", () => {
    const reader = horizonHealth(stuck, 30);
    expect(reader.warning).toContain("transaction of pid 4242 in ledgerline, open for 95 s (idle in transaction)");
    expect(JSON.stringify(reader)).not.toContain("contoso");
    expect(reader.oldestOpenTransaction).toMatchObject({ pid: 4242, query: null });

    const operator = horizonHealth(stuck, 30, { showQuery: true });
    expect(operator.warning).toContain("(idle in transaction: UPDATE accounts SET billing_email");
    expect(operator.oldestOpenTransaction?.query).toBe(stuck.oldestOpenTransaction!.query);
  });

  test("no warning below the threshold", () => {
    expect(horizonHealth(stuck, 120).warning).toBeNull();
  });
});
