import { randomUUID } from "node:crypto";
import { actorOf } from "@/lib/auth/permissions";
import { issueCommand } from "@/lib/automation/issue-command";
import { newId } from "@/lib/commands/ids";
import { runPolicies } from "@/lib/automation/policies";
import { aggregates, type DomainEvent } from "@/lib/domain";
import type { SubscriptionEventData } from "@/lib/domain/subscription/events";
import { BAD_DEPLOYMENT, BAD_DEPLOYMENT_DAY } from "../app-versions";
import { DEMO_CALLERS, DEMO_PRINCIPALS } from "../demo-actors";
import { invoicesOf, type Seeder } from "../seeder";

type Proration = SubscriptionEventData<"ProrationApplied">;

/**
 * Deployment 4.2.1 (live for one day) prorated seat increases over their whole
 * period instead of the days left, so each charge was too high. Today's
 * deciders compute correctly, so what it wrote is replayed as it wrote it:
 * the correct decision with its bug applied, appended through the event store
 * and billed by the real policy. Found by filtering the timeline on the app
 * version; each is corrected by a credit note naming the wrong proration.
 */
async function buggySeatIncrease(s: Seeder, accountId: string, seats: number, when: Date) {
  const { store } = s.runtime;
  const streamId = `subscription-${accountId}`;
  const decider = aggregates.subscription.decider;
  const loaded = await store.loadAggregate(streamId, decider);
  const decided = decider.decide(loaded.state, {
    type: "ChangeSeats",
    data: { accountId, seats },
    context: { now: when.toISOString(), ids: [newId()] },
  });
  const correct = decided.find((e) => e.type === "ProrationApplied")!.data as Proration;
  // The bug: the whole period's difference, as if the change had been made on its first day.
  const wrongAmount = correct.unitPriceAfter * correct.seatsAfter - correct.unitPriceBefore * correct.seatsBefore;
  const written: DomainEvent[] = decided.map((e) =>
    e.type === "ProrationApplied"
      ? { ...e, data: { ...correct, amount: wrongAmount, daysUsed: 0, daysRemaining: correct.periodDays } }
      : e,
  );
  const requestId = randomUUID();
  const appended = await store.append(
    streamId,
    written.map((e) => ({ type: e.type, data: e.data, occurredAt: when })),
    {
      expectedVersion: loaded.version,
      metadata: {
        actor: actorOf(DEMO_PRINCIPALS.service),
        source: "api",
        requestId,
        correlationId: requestId,
        commandType: "ChangeSeats",
        appVersion: BAD_DEPLOYMENT,
        accountId,
      },
    },
  );
  const followUps = await runPolicies(
    {
      events: written.map((e, i) => ({ ...e, eventId: appended.events[i]!.eventId })),
      streamId,
      accountId,
      correlationId: requestId,
      now: when,
      appVersion: BAD_DEPLOYMENT,
    },
    (request) => issueCommand(s.runtime, request),
  );
  const prorationEvent = appended.events.find((e) => e.type === "ProrationApplied")!;
  const invoices = followUps.flatMap(invoicesOf);
  return { prorationEventId: prorationEvent.eventId, overcharge: wrongAmount - correct.amount, correct, invoices };
}

export async function badDeployment(s: Seeder) {
  const accounts = [
    { id: "fabrikam", name: "Fabrikam Robotics", seats: 6, added: 4 },
    { id: "tailspin", name: "Tailspin Toys", seats: 3, added: 2 },
    { id: "wingtip", name: "Wingtip Outdoor", seats: 10, added: 5 },
    { id: "litware", name: "Litware Systems", seats: 8, added: 1 },
  ];
  const { priya } = DEMO_CALLERS;
  for (const [i, a] of accounts.entries()) {
    await s.signUp(-160 - 7 * i, a.id, a.name, { plan: "pro", interval: "monthly", seats: a.seats });
    await s.advance(a.id, s.at(BAD_DEPLOYMENT_DAY), { declineRate: 0 });
    const bug = await buggySeatIncrease(s, a.id, a.seats + a.added, s.at(BAD_DEPLOYMENT_DAY, 9 + 2 * i));
    await s.pay(s.at(BAD_DEPLOYMENT_DAY, 10 + 2 * i), bug.invoices);
    const [charge] = bug.invoices;
    if (!charge || bug.overcharge <= 0) continue;
    await s.run(
      s.at(BAD_DEPLOYMENT_DAY + 3, 15),
      priya,
      "IssueCreditNote",
      {
        invoiceId: charge,
        amount: bug.overcharge,
        compensatesEventId: bug.prorationEventId,
        reason:
          `Deployment ${BAD_DEPLOYMENT} prorated this seat change over the whole period ` +
          `(${bug.correct.periodDays} of ${bug.correct.periodDays} days) instead of the ${bug.correct.daysRemaining} days left; ` +
          `credits the difference. Incident INC-421.`,
      },
      { source: "ui" },
    );
  }
  return accounts.map((a) => a.id);
}
