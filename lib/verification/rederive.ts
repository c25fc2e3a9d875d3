import { billingPolicy } from "@/lib/domain/billing/policy";
import type { PriceChange } from "@/lib/domain/pricelist/state";
import type { SubscriptionCommand } from "@/lib/domain/subscription/commands";
import { decideSubscription } from "@/lib/domain/subscription/decide";
import type { SubscriptionEvent, SubscriptionEventData } from "@/lib/domain/subscription/events";
import { evolveSubscription } from "@/lib/domain/subscription/evolve";
import { initialSubscriptionState } from "@/lib/domain/subscription/state";

/** An event as verification reads it: plain data, no store types (this module does no I/O). */
export interface LoggedEvent {
  position: number;
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  data: unknown;
  occurredAt: string;
  /** The request that appended it: events of one decision share it. */
  requestId: string;
}

/** What re-deriving a billing event needs: its stream up to it, and the price list the decision saw. */
export interface SourceHistory {
  /** The subscription stream from version 1 up to and including the billing event. */
  stream: LoggedEvent[];
  /** The price list's changes recorded before the billing event (what the handler passed to decide). */
  prices: PriceChange[];
}

export type Rederived =
  | { ok: true; event: LoggedEvent; expected: Record<string, unknown>; differences: FieldDifference[] }
  | { ok: false; event: LoggedEvent | null; reason: string };

export interface FieldDifference {
  field: string;
  recorded: unknown;
  expected: unknown;
}

/** A line an invoice should carry, as the billing policy writes it from an event. */
export interface ExpectedLine {
  description: string;
  quantity: number;
  unitAmount: number;
  amount: number;
}

type Proration = SubscriptionEventData<"ProrationApplied">;

/**
 * The command that made a billing event, rebuilt from the event (the log keeps
 * the facts, not the commands). Deciding it again on the state before the
 * decision, with the price list it saw, is what the event should have said.
 */
function commandFor(event: LoggedEvent, prices: PriceChange[]): SubscriptionCommand | null {
  const d = event.data as Record<string, unknown> & { accountId: string };
  const context = (now: string, id: unknown) => ({ now, ids: typeof id === "string" ? [id] : ["unused"], prices });
  switch (event.type) {
    case "ProrationApplied": {
      const p = event.data as Proration;
      const ctx = context(p.changedAt, p.chargeInvoiceId);
      if (p.reason === "seats")
        return { type: "ChangeSeats", data: { accountId: p.accountId, seats: p.seatsAfter }, context: ctx };
      if (p.reason === "upgrade")
        return { type: "UpgradePlan", data: { accountId: p.accountId, plan: p.toPlan }, context: ctx };
      return { type: "DowngradePlan", data: { accountId: p.accountId, plan: p.toPlan, when: "now" }, context: ctx };
    }
    case "PlanPurchased": {
      const p = event.data as SubscriptionEventData<"PlanPurchased">;
      const data = { accountId: p.accountId, plan: p.plan, interval: p.interval, seats: p.seats };
      return { type: "PurchasePlan", data, context: context(p.periodStart, p.invoiceId) };
    }
    case "TrialConverted": {
      const p = event.data as SubscriptionEventData<"TrialConverted">;
      const data = { accountId: p.accountId, interval: p.interval, plan: p.plan, seats: p.seats };
      return { type: "ConvertTrial", data, context: context(p.periodStart, p.invoiceId) };
    }
    case "SubscriptionRenewed":
      return {
        type: "RenewSubscription",
        data: { accountId: d.accountId },
        context: context(String(d.periodStart), d.invoiceId),
      };
    case "SubscriptionResumed":
      return {
        type: "ResumeSubscription",
        data: { accountId: d.accountId },
        context: context(String(d.resumedAt), d.invoiceId),
      };
    default:
      return null;
  }
}

/**
 * Decides the billing event's command again, on the subscription as it was
 * just before that decision (the events of the same request before it, e.g.
 * the SeatsChanged a proration follows, are part of the decision), with the
 * same pure decider the command handler uses.
 */
export function rederiveBillingEvent(history: SourceHistory): Rederived {
  const event = history.stream.at(-1);
  if (!event) return { ok: false, event: null, reason: "the event it bills for is not in the log" };
  let start = history.stream.length - 1;
  while (start > 0 && history.stream[start - 1]!.requestId === event.requestId) start--;
  const before = history.stream
    .slice(0, start)
    .reduce((s, e) => evolveSubscription(s, e as unknown as SubscriptionEvent), initialSubscriptionState());
  const command = commandFor(event, history.prices);
  if (!command) return { ok: false, event, reason: `a ${event.type} event is not something billing derives` };
  let decided: SubscriptionEvent[];
  try {
    decided = decideSubscription(before, command);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, event, reason: `deciding ${command.type} again was refused: ${why}` };
  }
  const again = decided.find((e) => e.type === event.type);
  if (!again) {
    const what = event.type === "ProrationApplied" ? "no proration (it comes to zero)" : `no ${event.type}`;
    return { ok: true, event, expected: {}, differences: [{ field: "event", recorded: event.type, expected: what }] };
  }
  const expected = again.data as Record<string, unknown>;
  return { ok: true, event, expected, differences: differencesOf(event.data as Record<string, unknown>, expected) };
}

function differencesOf(recorded: Record<string, unknown>, expected: Record<string, unknown>): FieldDifference[] {
  const fields = new Set([...Object.keys(recorded), ...Object.keys(expected)]);
  return [...fields]
    .filter((field) => JSON.stringify(recorded[field]) !== JSON.stringify(expected[field]))
    .map((field) => ({ field, recorded: recorded[field], expected: expected[field] }));
}

/**
 * What the billing policy bills on `invoiceId` for a billing event with this
 * data: its lines (an IssueInvoice) or a credit (an IssueCreditNote). Same
 * function the reactor runs after the commit.
 */
export function billedFrom(
  event: Pick<LoggedEvent, "type" | "eventId" | "streamId">,
  data: Record<string, unknown>,
  accountId: string,
  invoiceId: string,
): { lines: ExpectedLine[]; credit: number } {
  const commands = billingPolicy(
    { type: event.type, data, eventId: event.eventId, streamId: event.streamId, accountId },
    new Date(0).toISOString(),
  );
  const lines: ExpectedLine[] = [];
  let credit = 0;
  for (const command of commands) {
    if (command.type === "IssueInvoice" && command.data.invoiceId === invoiceId) {
      for (const line of command.data.lines) {
        const { description, quantity, unitAmount } = line;
        lines.push({ description, quantity, unitAmount, amount: quantity * unitAmount });
      }
    }
    if (command.type === "IssueCreditNote" && command.data.invoiceId === invoiceId) credit += command.data.amount;
  }
  return { lines, credit };
}
