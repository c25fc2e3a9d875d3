import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { invoicesProjection } from "@/lib/projections/invoices/projection";
import { applyLogAndCheckpoint } from "@/lib/projections/testing/apply-log";
import { readReconciliation, readRunProgress, resultBatches } from "@/lib/queries/reconciliation";
import { BAD_DEPLOYMENT } from "@/lib/seed/app-versions";
import { seedDemoData } from "@/lib/seed/demo-seed";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { runningJob, STALE_AFTER_MS, startReconciliation } from "./jobs";
import { createVerifier } from "./load";
import { periodOf } from "./period";

const BAD_ACCOUNTS = ["fabrikam", "tailspin", "wingtip", "litware"];

describe("invoice verification and reconciliation on the demo data", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  /** Each bad-deployment account's proration charge: the invoice, the wrong event, and the credit note's business time. */
  const bad: { accountId: string; invoiceId: string; prorationPosition: number; creditAt: Date; chargedAt: Date }[] =
    [];

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    await seedDemoData(runtime, { accounts: 12, concurrency: 4 });
    await applyLogAndCheckpoint(runtime, invoicesProjection);
    for (const accountId of BAD_ACCOUNTS) {
      const events = await runtime.store.readStream(`subscription-${accountId}`);
      const proration = events.find((e) => e.type === "ProrationApplied" && e.metadata.appVersion === BAD_DEPLOYMENT)!;
      const invoiceId = (proration.data as { chargeInvoiceId: string }).chargeInvoiceId;
      const credit = (await runtime.store.readStream(`invoice-${invoiceId}`)).find(
        (e) => e.type === "CreditNoteIssued",
      )!;
      bad.push({
        accountId,
        invoiceId,
        prorationPosition: proration.position,
        creditAt: credit.occurredAt,
        chargedAt: proration.occurredAt,
      });
    }
  }, 300_000);
  afterAll(async () => t?.drop());

  test("every seeded invoice verifies today; the bad deployment's charges verify because a credit note nets them", async () => {
    const verifier = createVerifier(runtime);
    const ids = (await t.db.prisma.rmInvoice.findMany({ select: { invoiceId: true } })).map((r) => r.invoiceId);
    expect(ids.length).toBeGreaterThan(50);
    const results = await Promise.all(ids.map((id) => verifier.verify(id)));
    const wrong = results.filter((r) => r!.status !== "verified").map((r) => [r!.invoiceId, r!.mismatches]);
    expect(wrong).toEqual([]);
    const corrected = results
      .filter((r) => r!.corrected)
      .map((r) => r!.invoiceId)
      .sort();
    expect(corrected).toEqual(bad.map((b) => b.invoiceId).sort());
    const fabrikam = results.find((r) => r!.invoiceId === bad[0]!.invoiceId)!;
    expect(fabrikam.lines[0]!.status).toBe("netted");
    expect(fabrikam.lines[0]!.note).toMatch(
      /^Line overcharged by USD [\d,.]+; credited by credit note \S+ at position \d+ \(USD [\d,.]+ of it refunded\): net matches\.$/,
    );
    expect(fabrikam.lines[0]!.sources[0]!.position).toBe(bad[0]!.prorationPosition);
  });

  test("until corrected, each bad-deployment charge is a mismatch: the overcharge, its line and why", async () => {
    const verifier = createVerifier(runtime);
    for (const b of bad) {
      const before = await verifier.verify(b.invoiceId, { effective: new Date(b.creditAt.getTime() - 1) });
      expect(before!.status).toBe("mismatched");
      expect(before!.mismatches).toHaveLength(1);
      expect(before!.mismatches[0]!.amount).toBeGreaterThan(0);
      expect(before!.mismatches[0]!.reason).toMatch(
        /prorated for (\d+) of \1 days remaining, but the change on .* left \d+ of \d+ days.*overcharged by USD/,
      );
      const after = await verifier.verify(b.invoiceId, { effective: b.creditAt });
      expect(after).toMatchObject({ status: "verified", corrected: true });
    }
  });

  test("reconciling the bad deployment's month in the background: counts, totals, progress, CSV", async () => {
    const month = bad[0]!.chargedAt.toISOString().slice(0, 7);
    const period = periodOf({ period: month });
    const started = Date.now();
    const { runId } = await startReconciliation(runtime, { period, asOf: null, requestedBy: "finance-user" });
    // Joining: a second start for the same period while it runs is the same run.
    expect((await startReconciliation(runtime, { period, asOf: null, requestedBy: "finance-user" })).runId).toBe(runId);
    await runningJob(runId);
    const seconds = (Date.now() - started) / 1000;
    const report = (await readReconciliation(runtime, period, null))!;
    const invoicesInMonth = await t.db.prisma.rmInvoice.findMany({
      where: { issuedAt: { gte: period.from, lt: period.to } },
    });
    console.info(`[verification] reconciled ${invoicesInMonth.length} invoices of ${month} in ${seconds.toFixed(2)} s`);
    expect(report.run).toMatchObject({ status: "done", total: invoicesInMonth.length, done: invoicesInMonth.length });
    expect(report.run.verified + report.run.mismatched).toBe(invoicesInMonth.length);
    expect(report.run.mismatched).toBe(0);
    const sum = (f: (i: (typeof invoicesInMonth)[number]) => bigint) =>
      invoicesInMonth.reduce((s, i) => s + Number(f(i)), 0);
    expect(report.totals).toEqual([
      {
        currency: "USD",
        invoices: invoicesInMonth.length,
        issued: sum((i) => i.charged),
        paid: sum((i) => i.paid),
        credited: sum((i) => i.credited),
        refunded: sum((i) => i.refunded),
        open: sum((i) => (i.status === "open" || i.status === "uncollectible" ? i.balance : 0n)),
      },
    ]);
    expect(report.corrected.map((r) => r.invoiceId).sort()).toEqual(bad.map((b) => b.invoiceId).sort());

    // As of the end of the deployment's day (business time): the four charges are mismatches, nothing else.
    const endOfDay = new Date(`${bad[0]!.chargedAt.toISOString().slice(0, 10)}T23:59:59.999Z`);
    const asOf = { param: endOfDay.toISOString(), point: { effective: endOfDay } };
    const then = await startReconciliation(runtime, { period, asOf, requestedBy: "finance-user" });
    await runningJob(then.runId);
    const past = (await readReconciliation(runtime, period, asOf.param))!;
    expect(past.mismatched.map((r) => r.invoiceId).sort()).toEqual(bad.map((b) => b.invoiceId).sort());
    expect(
      past.mismatched.every((r) => r.mismatchAmount > 0 && r.mismatches[0]!.reason.includes("overcharged by")),
    ).toBe(true);

    const rows = [];
    for await (const batch of resultBatches(runtime, then.runId)) rows.push(...batch);
    expect(rows).toHaveLength(past.run.verified + past.run.mismatched);
    expect(
      rows
        .filter((r) => r.status === "mismatched")
        .map((r) => r.invoiceId)
        .sort(),
    ).toEqual(bad.map((b) => b.invoiceId).sort());
  });

  test("a run whose process stopped is marked failed, then resumes from what it had done", async () => {
    const period = periodOf({ period: bad[0]!.chargedAt.toISOString().slice(0, 7) });
    const asOf = { param: "1", point: { position: 1 } };
    const { runId } = await startReconciliation(runtime, { period, asOf, requestedBy: "finance-user" });
    await runningJob(runId);
    // Pretend another process owned it and died mid-way.
    await t.db.prisma.verificationRun.update({
      where: { runId },
      data: { status: "running", done: 0, owner: "dead", heartbeatAt: new Date(Date.now() - STALE_AFTER_MS - 1000) },
    });
    const lost = (await readRunProgress(runtime, runId))!;
    expect(lost.status).toBe("failed");
    expect(lost.error).toMatch(/The process running it stopped .* after 0 of \d+ invoices; start it again to resume\./);
    const again = await startReconciliation(runtime, { period, asOf, requestedBy: "finance-user" });
    expect(again).toEqual({ runId, resumed: true });
    await runningJob(runId);
    expect((await readRunProgress(runtime, runId))!.status).toBe("done");
  });
});
