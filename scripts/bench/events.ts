/** The events the write workloads append: seat changes on subscription streams, as the domain writes them. */
import { appVersion } from "@/lib/app-version";
import type { EventMetadataInput } from "@/lib/event-store";
import type { BenchEvent } from "./stores";

export const metadataFor = (accountId: string): EventMetadataInput => ({
  actor: { type: "system", id: "bench" },
  source: "system",
  requestId: "bench",
  correlationId: "bench",
  appVersion,
  accountId,
});

const T0 = Date.parse("2026-01-01T00:00:00.000Z");

/** The n-th seat change of an account (seats move between 2 and 41). */
export function seatsChanged(accountId: string, n: number): BenchEvent {
  return {
    type: "SeatsChanged",
    data: {
      accountId,
      seatsBefore: 2 + ((n + 39) % 40),
      seats: 2 + (n % 40),
      changedAt: new Date(T0 + n * 60_000).toISOString(),
    },
  };
}

/** A subscription's first event: what a long stream starts with, so folds have a subscription to change. */
export function planPurchased(accountId: string): BenchEvent {
  return {
    type: "PlanPurchased",
    data: {
      accountId,
      plan: "pro",
      interval: "monthly",
      unitPrice: 4900,
      seats: 2,
      currency: "USD",
      periodStart: new Date(T0).toISOString(),
      periodEnd: new Date(T0 + 31 * 86_400_000).toISOString(),
      invoiceId: `inv-${accountId}`,
      creditApplied: 0,
    },
  };
}

/** `count` events of one subscription stream from version `from` (0: starting with its purchase). */
export function subscriptionEvents(accountId: string, from: number, count: number): BenchEvent[] {
  return Array.from({ length: count }, (_, i) =>
    from + i === 0 ? planPurchased(accountId) : seatsChanged(accountId, from + i),
  );
}
