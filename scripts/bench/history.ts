/**
 * A realistic history for the big log (B5, B6): a few dozen customers'
 * lives written through the real command handler and billing webhook (the
 * demo seed's generated accounts, and leads captured, worked and converted
 * or dropped) on a scratch database, then cloned with fresh ids until the
 * log is as long as asked. Only accounts, subscriptions, invoices and leads.
 */
import { createHash } from "node:crypto";
import { DEMO_CALLERS } from "@/lib/seed/demo-actors";
import { companyOf, generatedAccount } from "@/lib/seed/population";
import { Random } from "@/lib/seed/random";
import { invoicesOf, Seeder } from "@/lib/seed/seeder";
import type { EventMetadataInput, RecordedEvent } from "@/lib/event-store";
import type { Runtime } from "@/lib/server/runtime";
import { readAllSettled } from "@/lib/testing/read-settled";
import type { BenchEvent } from "./stores";

export interface StreamHistory {
  streamId: string;
  events: (BenchEvent & { eventId: string; metadata: EventMetadataInput })[];
}
/** One customer's streams, each in version order, in the order their first events were written. */
export type AccountHistory = { accountId: string; streams: StreamHistory[] };

const KINDS = new Set(["account", "subscription", "invoice", "lead"]);
const ID_KEYS = new Set(["accountId", "invoiceId", "paymentId", "refundId", "creditNoteId", "leadId"]);

/** A lead's life: captured, enriched, scored, assigned, contacted; then converted (and sold a plan), dropped or still open. */
async function generatedLead(root: Seeder, n: number) {
  const leadId = `lead${n}`;
  const s = root.forAccount(leadId);
  const r = s.random;
  const { crm, scorer, dana } = DEMO_CALLERS;
  const day = -r.int(30, 700);
  const { name } = companyOf(1000 + n);
  await s.run(s.at(day), crm, "CaptureLead", {
    leadId,
    name: `Contact ${n}`,
    email: `contact${n}@lead${n}.example`,
    company: name,
    source: r.pick(["website", "referral", "event", "ads"]),
  });
  await s.run(s.at(day, 11), crm, "EnrichLead", { leadId, companySize: r.int(5, 5000), country: "DE" });
  await s.run(s.at(day, 12), scorer, "ScoreLead", { leadId, score: r.int(10, 95), model: "fit-2026.3", reasons: [] });
  await s.run(s.at(day + 1), dana, "AssignLead", { leadId, ownerId: "dana" }, { source: "ui" });
  for (const [i, channel] of ["email", "phone", "meeting"].entries()) {
    await s.run(s.at(day + 2 + i * 3), dana, "ContactLead", { leadId, channel }, { source: "ui" });
  }
  const fate = r.pickWeighted({ convert: 5, disqualify: 3, open: 2 });
  if (fate === "disqualify") {
    await s.run(s.at(day + 12), dana, "DisqualifyLead", { leadId, reason: "No budget this year." }, { source: "ui" });
  } else if (fate === "convert" && day + 14 < 0) {
    await s.run(s.at(day + 12), dana, "QualifyLead", { leadId }, { source: "ui" });
    const converted = await s.run(s.at(day + 14), dana, "ConvertLead", { leadId }, { source: "ui" });
    const accountId = converted.followUps.find((f) => f.commandType === "OpenAccount")?.targetId;
    if (accountId) {
      const purchase = await s.run(s.at(day + 14, 11), crm, "PurchasePlan", {
        accountId,
        plan: "pro",
        interval: "annual",
        seats: r.int(2, 20),
      });
      await s.pay(s.at(day + 14, 12), invoicesOf(purchase));
      await s.advance(accountId, s.now);
    }
  }
}

/** Writes `templates` customers and as many leads through the handlers; returns their histories. */
export async function writeTemplates(runtime: Runtime, templates: number, concurrency = 4) {
  const s = new Seeder(runtime, new Date(), new Random(10));
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < templates * 2) {
        const n = next++;
        await (n % 2 === 0 ? generatedAccount(s, n / 2) : generatedLead(s, (n - 1) / 2));
      }
    }),
  );
  return readTemplates(runtime);
}

async function readTemplates(runtime: Runtime): Promise<AccountHistory[]> {
  const byAccount = new Map<string, Map<string, StreamHistory>>();
  const dropped = new Set<string>();
  for (let after = 0; ;) {
    const page = await readAllSettled(runtime, after, { limit: 1000 });
    if (page.events.length === 0) break;
    after = page.checkpoint;
    for (const event of page.events) {
      if (!KINDS.has(event.streamType) || event.storedSchemaVersion !== event.schemaVersion) {
        dropped.add(event.accountId); // corrections, erasures, old schemas: not cloned
        continue;
      }
      const streams = byAccount.get(event.accountId) ?? new Map<string, StreamHistory>();
      byAccount.set(event.accountId, streams);
      const stream = streams.get(event.streamId) ?? { streamId: event.streamId, events: [] };
      streams.set(event.streamId, stream);
      stream.events.push(toBenchEvent(event));
    }
  }
  return [...byAccount.entries()]
    .filter(([accountId]) => !dropped.has(accountId))
    .map(([accountId, streams]) => ({ accountId, streams: [...streams.values()] }));
}

const toBenchEvent = (e: RecordedEvent) => ({
  type: e.type,
  data: e.data,
  occurredAt: e.occurredAt,
  eventId: e.eventId,
  metadata: e.metadata as EventMetadataInput,
});

const uuidOf = (seed: string) => {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** The template's account again as copy `copy`: every id of its own (account, invoices, payments, leads, events) made new. */
export function cloneAccount(template: AccountHistory, copy: number): AccountHistory {
  const ids = new Map<string, string>();
  const add = (id: unknown) => typeof id === "string" && !ids.has(id) && ids.set(id, `${id}.c${copy}`);
  add(template.accountId);
  for (const stream of template.streams) {
    add(stream.streamId.slice(stream.streamId.indexOf("-") + 1));
    for (const event of stream.events) {
      ids.set(event.eventId, uuidOf(`${event.eventId}/${copy}`));
      for (const [key, value] of Object.entries(event.data)) if (ID_KEYS.has(key)) add(value);
    }
  }
  const remap = (value: unknown): unknown => {
    if (typeof value === "string") return ids.get(value) ?? value;
    if (Array.isArray(value)) return value.map(remap);
    if (value && typeof value === "object" && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remap(v)]));
    }
    return value;
  };
  return {
    accountId: ids.get(template.accountId)!,
    streams: template.streams.map((stream) => ({
      streamId: `${stream.streamId.slice(0, stream.streamId.indexOf("-"))}-${remap(stream.streamId.slice(stream.streamId.indexOf("-") + 1))}`,
      events: stream.events.map((event) => ({
        ...event,
        eventId: ids.get(event.eventId)!,
        data: remap(event.data) as Record<string, unknown>,
        metadata: {
          ...event.metadata,
          accountId: ids.get(event.metadata.accountId) ?? event.metadata.accountId,
          causationId: (remap(event.metadata.causationId) as string | null | undefined) ?? null,
        },
      })),
    })),
  };
}

export const eventsIn = (account: AccountHistory) => account.streams.reduce((n, s) => n + s.events.length, 0);
