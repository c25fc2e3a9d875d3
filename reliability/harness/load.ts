/**
 * Business load as a CRM would send it: each account is opened, buys a plan,
 * changes seats, is renamed and upgraded. Every request carries an
 * Idempotency-Key and an x-request-id, the same on each try, so the events a
 * request wrote can be found by its id afterwards.
 */
import type { Reply } from "./http";

/** The commands one account goes through, in order (the purchase bills an invoice through the billing policy). */
export function accountStory(accountId: string, n: number): { type: string; data: Record<string, unknown> }[] {
  return [
    {
      type: "OpenAccount",
      data: { accountId, name: `Load ${accountId}`, billingEmail: `${accountId}@load.example`, currency: "USD" },
    },
    {
      type: "PurchasePlan",
      data: { accountId, plan: n % 2 ? "starter" : "pro", interval: "monthly", seats: 1 + (n % 4) },
    },
    { type: "ChangeSeats", data: { accountId, seats: 5 + (n % 3) } },
    { type: "RenameAccount", data: { accountId, name: `Renamed ${accountId}` } },
    { type: "UpgradePlan", data: { accountId, plan: "enterprise" } },
    { type: "ChangeSeats", data: { accountId, seats: 9 } },
  ];
}

export interface Acked {
  requestId: string;
  type: string;
  streamId: string;
  version: number;
  positions: number[];
  /** Answered from an earlier try that had committed (idempotent-replayed). */
  replayed: boolean;
}

/** What a 200 answer to a command says was written. */
export function ackOf(requestId: string, type: string, reply: Reply): Acked {
  const events = reply.body.events as { position: number }[];
  return {
    requestId,
    type,
    streamId: reply.body.streamId as string,
    version: reply.body.version as number,
    positions: events.map((e) => e.position),
    replayed: reply.headers.get("idempotent-replayed") === "true",
  };
}
