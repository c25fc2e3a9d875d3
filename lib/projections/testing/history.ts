import { issueCommand } from "@/lib/automation/issue-command";
import type { CommandResult } from "@/lib/commands/handle-command";
import type { Runtime } from "@/lib/server/runtime";

/** Day 0 of the test history: 2026-03-02T10:00:00Z. */
export const T0 = Date.parse("2026-03-02T10:00:00.000Z");
export const at = (days: number, hours = 0) => new Date(T0 + days * 86_400_000 + hours * 3_600_000);
export const dayOf = (days: number) => at(days).toISOString().slice(0, 10);

export async function run(runtime: Runtime, when: Date, type: string, data: Record<string, unknown>) {
  return issueCommand(runtime, { type, data, caller: { system: "test" }, source: "api", now: when });
}

/** Every command a result led to, itself included (follow-ups of follow-ups too). */
const flatten = (result: CommandResult): CommandResult[] => [result, ...result.followUps.flatMap(flatten)];
export const invoicesOf = (result: CommandResult) =>
  flatten(result)
    .filter((r) => r.commandType === "IssueInvoice")
    .map((r) => r.targetId);

export interface History {
  /** Invoice ids per account, in issue order. */
  invoices: Record<string, string[]>;
  /** The account the converted lead opened. */
  leadAccountId: string;
  disqualifiedAccountId: string;
}

/**
 * One account per situation the read models must get right (see the expected
 * figures in the specs): list-price MRR, a downgrade, a coupon, a pause, a
 * pause and resume, a cancellation and a later purchase, a partial payment and
 * a credit note, an upgrade, a trial, erased personal data, and two leads.
 */
export async function buildHistory(runtime: Runtime): Promise<History> {
  const invoices: Record<string, string[]> = {};
  const open = (accountId: string, name: string) =>
    run(runtime, at(0), "OpenAccount", {
      accountId,
      name,
      billingEmail: `billing@${accountId}.example`,
      currency: "USD",
    });
  const cmd = async (accountId: string, days: number, type: string, data: Record<string, unknown> = {}) => {
    const result = await run(runtime, at(days), type, { accountId, ...data });
    (invoices[accountId] ??= []).push(...invoicesOf(result));
    return result;
  };
  const purchase = (accountId: string, plan: string, interval: string, seats: number, days = 0) =>
    cmd(accountId, days, "PurchasePlan", { plan, interval, seats });

  const plain: [string, string, string, string, number][] = [
    ["t-monthly", "Monthly Five", "pro", "monthly", 5],
    ["t-annual", "Annual Twenty", "pro", "annual", 20],
    ["t-downgrade", "Downgrade Co", "pro", "monthly", 3],
    ["t-coupon", "Coupon Co", "starter", "monthly", 2],
    ["t-pause", "Pause Co", "pro", "monthly", 1],
    ["t-resume", "Resume Co", "pro", "monthly", 2],
    ["t-cancel", "Cancel Co", "starter", "monthly", 1],
    ["t-partial", "Partial Co", "pro", "monthly", 1],
    ["t-upgrade", "Upgrade Co", "starter", "monthly", 2],
    ["t-erased", "Erin Example Ltd", "starter", "monthly", 1],
  ];
  for (const [accountId, name, plan, interval, seats] of plain) {
    await open(accountId, name);
    await purchase(accountId, plan, interval, seats);
  }
  await open("t-trial", "Trial Co");
  await cmd("t-trial", 0, "StartTrial", { plan: "pro", seats: 3, days: 14 });

  await cmd("t-coupon", 1, "ApplyCoupon", { code: "SAVE20" });
  const partialInvoice = invoices["t-partial"]![0]!;
  await run(runtime, at(2), "RecordPayment", { invoiceId: partialInvoice, amount: 4000, method: "card" });
  await run(runtime, at(3), "IssueCreditNote", { invoiceId: partialInvoice, amount: 1000, reason: "Goodwill credit" });
  await cmd("t-pause", 5, "PauseSubscription");
  await cmd("t-resume", 5, "PauseSubscription");
  await cmd("t-cancel", 7, "ScheduleCancellation", { when: "now" });
  await cmd("t-resume", 8, "ResumeSubscription");
  await cmd("t-downgrade", 10, "DowngradePlan", { plan: "starter", when: "now" });
  await cmd("t-upgrade", 10, "UpgradePlan", { plan: "pro" });
  await cmd("t-trial", 14, "ConvertTrial", { interval: "monthly" });
  await purchase("t-cancel", "starter", "monthly", 1, 20);
  await run(runtime, at(21), "RenameAccount", { accountId: "t-erased", name: "Erin Renamed Ltd" });
  await runtime.store.erasePersonalData("t-erased");

  // Leads: one captured on day 0 and converted on day 5 (its account buys on day 6), one disqualified.
  const lead = (leadId: string, company: string) =>
    run(runtime, at(0), "CaptureLead", {
      leadId,
      name: "Pat Lead",
      email: "pat@lead.example",
      company,
      source: "event",
    });
  const captured = await lead("t-lead", "Hooli");
  await run(runtime, at(1), "ScoreLead", { leadId: "t-lead", score: 82, model: "fit-1", reasons: ["size"] });
  await run(runtime, at(1, 1), "AssignLead", { leadId: "t-lead", ownerId: "dana" });
  await run(runtime, at(2), "ContactLead", { leadId: "t-lead", channel: "email" });
  await run(runtime, at(3), "QualifyLead", { leadId: "t-lead" });
  await run(runtime, at(5), "ConvertLead", { leadId: "t-lead" });
  await purchase(captured.accountId, "starter", "monthly", 10, 6);
  const other = await lead("t-lost", "Vandelay");
  await run(runtime, at(4), "DisqualifyLead", { leadId: "t-lost", reason: "Not a fit for us." });
  return { invoices, leadAccountId: captured.accountId, disqualifiedAccountId: other.accountId };
}
