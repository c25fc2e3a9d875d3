import { randomUUID } from "node:crypto";
import { actorOf } from "@/lib/auth/permissions";
import { DEMO_CALLERS } from "../demo-actors";
import { invoicesOf, type Seeder } from "../seeder";

const LEADS = [
  { leadId: "piedpiper", name: "Richard Hendricks", company: "Pied Piper", legacy: 71, fit: 91, fate: "convert" },
  { leadId: "aviato", name: "Erlich Bachman", company: "Aviato", legacy: 64, fit: 22, fate: "disqualify" },
  { leadId: "raviga", name: "Monica Hall", company: "Raviga Capital", legacy: 58, fit: 67, fate: "working" },
  { leadId: "endframe", name: "Gilfoyle Dinesh", company: "Endframe", legacy: 45, fit: 38, fate: "scored" },
] as const;

/**
 * Leads scored by the legacy model, whose events were stored in LeadScored's
 * first schema (`{ score }`, written by 4.0.3 and replayed here as it wrote
 * them), then rescored by model fit-2026.3 through today's handler; Pied Piper
 * was qualified and converted into an account.
 */
export async function leadsAndScores(s: Seeder) {
  const { crm, scorer, dana } = DEMO_CALLERS;
  const opened: string[] = [];
  for (const [i, lead] of LEADS.entries()) {
    const captured = await s.run(s.at(-520 + 12 * i), crm, "CaptureLead", {
      leadId: lead.leadId,
      name: lead.name,
      email: `${lead.name.split(" ")[0]!.toLowerCase()}@${lead.leadId}.example`,
      company: lead.company,
      source: i % 2 === 0 ? "event" : "website",
    });
    // 4.0.3's scorer wrote { score } only: LeadScored v1, stored as it was.
    const requestId = randomUUID();
    await s.runtime.store.append(
      `lead-${lead.leadId}`,
      [{ type: "LeadScored", data: { score: lead.legacy }, schemaVersion: 1, occurredAt: s.at(-519 + 12 * i) }],
      {
        expectedVersion: captured.version,
        metadata: {
          actor: actorOf(scorer.principal),
          source: "api",
          requestId,
          correlationId: requestId,
          commandType: "ScoreLead",
          appVersion: "4.0.3",
          accountId: captured.accountId,
        },
      },
    );
    await s.run(s.at(-120 + i), scorer, "ScoreLead", {
      leadId: lead.leadId,
      score: lead.fit,
      model: "fit-2026.3",
      reasons:
        lead.fit > 60 ? ["company size", "product usage in trial", "intent"] : ["small team", "no budget signal"],
    });
    if (lead.fate === "disqualify") {
      await s.run(
        s.at(-110),
        dana,
        "DisqualifyLead",
        { leadId: lead.leadId, reason: "Rescored at 22: no budget." },
        { source: "ui" },
      );
    }
    if (lead.fate === "working" || lead.fate === "convert") {
      await s.run(s.at(-115 + i), dana, "AssignLead", { leadId: lead.leadId, ownerId: "dana" }, { source: "ui" });
      await s.run(
        s.at(-112 + i),
        dana,
        "ContactLead",
        { leadId: lead.leadId, channel: "meeting", note: "Demo given." },
        {
          source: "ui",
        },
      );
    }
    if (lead.fate === "convert") {
      await s.run(
        s.at(-105),
        dana,
        "QualifyLead",
        { leadId: lead.leadId, note: "Signed the order form." },
        { source: "ui" },
      );
      const converted = await s.run(s.at(-100), dana, "ConvertLead", { leadId: lead.leadId }, { source: "ui" });
      const accountId = converted.followUps.find((f) => f.commandType === "OpenAccount")?.targetId;
      if (accountId) {
        const purchase = await s.run(s.at(-100, 11), crm, "PurchasePlan", {
          accountId,
          plan: "pro",
          interval: "annual",
          seats: 9,
        });
        await s.pay(s.at(-100, 12), invoicesOf(purchase));
        opened.push(accountId);
      }
    }
  }
  return opened;
}
