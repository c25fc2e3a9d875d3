import type { AccountState, InvoiceState, LeadState, StreamKind, SubscriptionState } from "@/lib/domain";

export type KeyFields = Record<string, string | number | null>;
/** The key fields an event changed: `{ field: { old, new } }`. */
export type Changes = Record<string, { old: unknown; new: unknown }>;

/**
 * The fields of each aggregate a timeline shows changes of (null where the
 * state has none). No personal fields: stored changes must not keep a name or
 * email an erasure removed from the events.
 */
export function keyFieldsOf(kind: StreamKind, state: unknown): KeyFields {
  switch (kind) {
    // Names and emails are personal data: the sentence shows them, read from the event when rendered.
    case "account":
      return { status: (state as AccountState).status };
    case "subscription":
      return subscriptionFields(state as SubscriptionState);
    case "invoice": {
      const s = state as InvoiceState;
      if (s.status === "none") {
        return { status: s.status, charged: null, credited: null, paid: null, refunded: null, balance: null };
      }
      const { status, charged, credited, paid, refunded, balance } = s;
      return { status, charged, credited, paid, refunded, balance };
    }
    // A price change's or an approval's sentence says everything.
    case "pricelist":
    case "approval":
      return {};
    // An operation's sentence names the projection, the event and the reason.
    case "operations":
      return {};
    case "lead": {
      const s = state as LeadState;
      if (s.stage === "none") return { stage: s.stage, score: null, ownerId: null };
      return { stage: s.stage, score: s.score?.score ?? null, ownerId: s.ownerId };
    }
  }
}

function subscriptionFields(s: SubscriptionState): KeyFields {
  const billed = s.status === "active" || s.status === "paused" ? s : null;
  return {
    status: s.status,
    plan: s.status === "none" ? null : s.plan,
    interval: billed?.interval ?? null,
    seats: s.status === "trialing" ? s.seats : (billed?.seats ?? null),
    unitPrice: billed?.unitPrice ?? null,
    couponCode: billed?.coupon?.code ?? null,
    periodEnd: billed?.periodEnd ?? null,
    cancellationEffectiveAt:
      s.status === "trialing" ? (s.cancellation?.effectiveAt ?? null) : (billed?.cancellation?.effectiveAt ?? null),
    scheduledDowngradePlan: billed?.scheduledDowngrade?.plan ?? null,
  };
}

/** The key fields that differ between two states of one aggregate. */
export function changesBetween(kind: StreamKind, before: unknown, after: unknown): Changes {
  const old = keyFieldsOf(kind, before);
  const next = keyFieldsOf(kind, after);
  const changes: Changes = {};
  for (const [field, value] of Object.entries(next)) {
    if (old[field] !== value) changes[field] = { old: old[field] ?? null, new: value };
  }
  return changes;
}
