import { billingPolicy, type CommandType, commandDefinitions, DomainError } from "@/lib/domain";
import type { NewEvent } from "@/lib/event-store";
import { Random } from "@/lib/seed/random";

/** One append: a command's events on its stream, with what the store's metadata needs. */
export interface SyntheticAppend {
  streamId: string;
  accountId: string;
  commandType: string;
  /** The event that caused it (a billing policy follow-up), else null. */
  causationId: string | null;
  events: (NewEvent & { eventId: string; occurredAt: Date })[];
}

/**
 * A log written without a database, for benchmarks and property tests: each
 * command is decided by its aggregate's own decider on the stream's state in
 * memory (refusals are skipped), its events evolve that state, and the
 * billing policy's follow-ups run the same way, as the command handler
 * would. Ids come from the seeded random source, so a seed gives one log.
 */
export class SyntheticLog {
  private readonly streams = new Map<string, unknown>();
  constructor(readonly random: Random) {}

  id(prefix = ""): string {
    return prefix + Math.floor(this.random.next() * 36 ** 8).toString(36);
  }

  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.random.next() * 16).toString(16)).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  /** Runs a command at `now`: its appends and its follow-ups', in order; [] when the domain refuses it. */
  run(type: CommandType, data: Record<string, unknown>, now: Date, causationId: string | null = null) {
    const definition = commandDefinitions[type];
    const parsed = definition.schema.parse(data) as Record<string, unknown>;
    const targetId = String(parsed[definition.targetKey]);
    const streamId = `${definition.streamKind}-${targetId}`;
    const decider = definition.decider;
    const state = this.streams.get(streamId) ?? decider.initialState();
    const ids = Array.from({ length: definition.ids ?? 0 }, () => this.id());
    let decided;
    try {
      decided = decider.decide(state, { type, data: parsed, context: { now: now.toISOString(), ids } });
    } catch (error) {
      if (error instanceof DomainError) return [];
      throw error;
    }
    if (decided.length === 0) return [];
    const accountId =
      definition.streamKind === "account"
        ? targetId
        : String(parsed.accountId ?? (state as { accountId?: string }).accountId ?? firstAccountId(decided));
    this.streams.set(streamId, decided.reduce(decider.evolve, state));
    const events = decided.map((e) => ({ ...e, eventId: this.uuid(), occurredAt: now }));
    const appends: SyntheticAppend[] = [{ streamId, accountId, commandType: type, causationId, events }];
    for (const event of events) {
      const trigger = { type: event.type, data: event.data, eventId: event.eventId, streamId, accountId };
      for (const command of billingPolicy(trigger, now.toISOString())) {
        appends.push(...this.run(command.type, command.data as Record<string, unknown>, now, event.eventId));
      }
    }
    return appends;
  }

  state<S>(streamId: string): S | undefined {
    return this.streams.get(streamId) as S | undefined;
  }
}

const firstAccountId = (events: { data: unknown }[]) =>
  events.map((e) => (e.data as { accountId?: string }).accountId).find(Boolean);

const DAY = 86_400_000;
const PLANS = ["starter", "pro", "enterprise"] as const;

/**
 * One account's life over `days` days from `start`, as appends in order: a
 * lead that converts (sometimes), or an account opened directly; a trial or
 * a purchase; then about `activity` commands a month of every kind (seats,
 * plan changes, coupons, pauses, cancellations, renewals, payments, renames),
 * and at the end, with chance `erasure`, a closure and an erasure.
 */
export function accountStory(
  log: SyntheticLog,
  accountId: string,
  start: Date,
  days: number,
  { activity = 6, erasure = 0.05 }: { activity?: number; erasure?: number } = {},
) {
  const r = log.random;
  const out: SyntheticAppend[] = [];
  let now = start.getTime();
  const at = () => new Date(now);
  const invoices = new Set<string>();
  const record = (appends: SyntheticAppend[]) => {
    for (const a of appends) if (a.streamId.startsWith("invoice-")) invoices.add(a.streamId);
    out.push(...appends);
  };
  const run = (type: CommandType, data: Record<string, unknown>) => record(log.run(type, data, at()));
  const name = `Company ${accountId}`;
  if (r.chance(0.3)) {
    const leadId = `l${accountId}`;
    const captured = log.run(
      "CaptureLead",
      { leadId, name: "Pat Lead", email: `pat@${accountId}.example`, company: name, source: "website" },
      at(),
    );
    record(captured);
    const prospect = String((captured[0]?.events[0]?.data as { accountId: string }).accountId);
    run("ScoreLead", { leadId, score: r.int(0, 100), model: "fit-1", reasons: ["size"] });
    run("AssignLead", { leadId, ownerId: r.pick(["dana", "sam", "kim"]) });
    run("ContactLead", { leadId, channel: r.pick(["email", "phone"]) });
    if (r.chance(0.3)) {
      run("DisqualifyLead", { leadId, reason: "Not a fit for us." });
      return out;
    }
    run("QualifyLead", { leadId });
    run("ConvertLead", { leadId });
    accountId = prospect;
  } else {
    run("OpenAccount", { accountId, name, billingEmail: `billing@${accountId}.example`, currency: "USD" });
  }
  const seats = () => r.int(1, 40);
  if (r.chance(0.3)) run("StartTrial", { accountId, plan: r.pick(PLANS), seats: seats(), days: 14 });
  else run("PurchasePlan", { accountId, plan: r.pick(PLANS), interval: r.pick(["monthly", "annual"]), seats: seats() });
  const end = start.getTime() + days * DAY;
  const step = (30 * DAY) / activity;
  while ((now += Math.floor(step * (0.5 + r.next()))) < end) {
    payOpenInvoices(log, invoices, now, record);
    const roll = r.next();
    if (roll < 0.3) run("ChangeSeats", { accountId, seats: seats() });
    else if (roll < 0.45) run("RenewSubscription", { accountId });
    else if (roll < 0.52) run("ApplyCoupon", { accountId, code: r.pick(["SAVE20", "TAKE10"]) });
    else if (roll < 0.56) run("RemoveCoupon", { accountId });
    else if (roll < 0.62) run("UpgradePlan", { accountId, plan: r.pick(PLANS) });
    else if (roll < 0.66) run("DowngradePlan", { accountId, plan: r.pick(PLANS), when: r.pick(["now", "period_end"]) });
    else if (roll < 0.69) run("PauseSubscription", { accountId });
    else if (roll < 0.74) run("ResumeSubscription", { accountId });
    else if (roll < 0.77) run("ScheduleCancellation", { accountId, when: r.pick(["now", "period_end"]) });
    else if (roll < 0.79) run("RevokeCancellation", { accountId });
    else if (roll < 0.81) run("CancelSubscription", { accountId });
    else if (roll < 0.83) run("ConvertTrial", { accountId, interval: "monthly" });
    else if (roll < 0.87) run("RenameAccount", { accountId, name: `${name} ${r.int(1, 999)}` });
    else if (roll < 0.9)
      run("ChangeBillingContact", { accountId, billingEmail: `ap${r.int(1, 99)}@${accountId}.example` });
    else if (roll < 0.92) run("PurchasePlan", { accountId, plan: r.pick(PLANS), interval: "monthly", seats: seats() });
  }
  if (r.chance(erasure)) {
    run("CloseAccount", { accountId });
    run("ErasePersonalData", { accountId, reason: "GDPR request" });
  }
  return out;
}

/** Pays (or fails to collect) the invoices this story issued that are still open. */
function payOpenInvoices(
  log: SyntheticLog,
  invoices: Set<string>,
  now: number,
  record: (appends: SyntheticAppend[]) => void,
) {
  const r = log.random;
  for (const streamId of [...invoices]) {
    const invoice = log.state<{ status: string; balance: number }>(streamId);
    if (invoice?.status !== "open" || invoice.balance <= 0) invoices.delete(streamId);
    if (invoice?.status !== "open" || invoice.balance <= 0 || r.chance(0.2)) continue;
    const invoiceId = streamId.slice("invoice-".length);
    const when = new Date(now);
    if (r.chance(0.1)) {
      record(log.run("RecordPaymentFailure", { invoiceId, amount: invoice.balance, reason: "Card declined" }, when));
    } else {
      const amount = r.chance(0.15) ? Math.ceil(invoice.balance / 2) : invoice.balance;
      record(log.run("RecordPayment", { invoiceId, amount, method: r.pick(["card", "bank_transfer"]) }, when));
    }
  }
}
