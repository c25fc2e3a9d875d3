import type { SubscriptionEventData } from "@/lib/domain/subscription/events";
import { toIso } from "../shared/fold";
import { defineReadModel, type TableSpec } from "../types";
import type { TrialConversion } from "./queries";

export const TRIAL_CONVERSIONS = "trial-conversions";

interface TrialRow {
  account_id: string;
  trial_plan: string;
  trial_seats: number;
  trial_started_at: Date;
  trial_ends_at: Date;
  status: TrialConversion["status"];
  converted_at: Date | null;
  plan: string | null;
  interval: string | null;
  seats: number | null;
  unit_price: bigint | null;
  currency: string | null;
  canceled_at: Date | null;
  last_position: bigint;
}

type Trial = TrialConversion & { lastPosition: number };

const rmTrialConversions: TableSpec<Trial, TrialRow> = {
  key: ["account_id"],
  columns: {
    account_id: "text",
    trial_plan: "text",
    trial_seats: "integer",
    trial_started_at: "timestamptz",
    trial_ends_at: "timestamptz",
    status: "text",
    converted_at: "timestamptz",
    plan: "text",
    interval: "text",
    seats: "integer",
    unit_price: "bigint",
    currency: "text",
    canceled_at: "timestamptz",
    last_position: "bigint",
  },
  fromRow: (row) => ({
    accountId: row.account_id,
    trialPlan: row.trial_plan,
    trialSeats: row.trial_seats,
    trialStartedAt: row.trial_started_at.toISOString(),
    trialEndsAt: row.trial_ends_at.toISOString(),
    status: row.status,
    convertedAt: toIso(row.converted_at),
    plan: row.plan,
    interval: row.interval,
    seats: row.seats,
    unitPrice: row.unit_price === null ? null : Number(row.unit_price),
    currency: row.currency,
    canceledAt: toIso(row.canceled_at),
    lastPosition: Number(row.last_position),
  }),
  toRow: (t) => ({
    account_id: t.accountId,
    trial_plan: t.trialPlan,
    trial_seats: t.trialSeats,
    trial_started_at: t.trialStartedAt,
    trial_ends_at: t.trialEndsAt,
    status: t.status,
    converted_at: t.convertedAt,
    plan: t.plan,
    interval: t.interval,
    seats: t.seats,
    unit_price: t.unitPrice,
    currency: t.currency,
    canceled_at: t.canceledAt,
    last_position: t.lastPosition,
  }),
};

/**
 * Every trial and how it ended: converted (on which plan, how many seats, at
 * which price per seat — the price list in effect then), canceled, or still
 * running. Answers "which trials converted after the pricing change, and at
 * which price".
 */
export const trialConversionsProjection = defineReadModel({
  name: TRIAL_CONVERSIONS,
  // 2: canceled_at is the cancellation's own time, not when it was recorded.
  version: 2,
  eventTypes: ["TrialStarted", "TrialConverted", "SubscriptionCanceled"],
  tables: { rm_trial_conversions: rmTrialConversions },
  keys: (event) => ({ rm_trial_conversions: [event.accountId] }),
  fold(rows, event) {
    const trials = rows.rm_trial_conversions;
    const trial = trials.get(event.accountId);
    // A row at or past this event already has it.
    const fresh = trial && trial.lastPosition < event.position;
    switch (event.type) {
      case "TrialStarted": {
        if (trial) return; // the first trial is the one reported
        const d = event.data as SubscriptionEventData<"TrialStarted">;
        trials.set(event.accountId, {
          accountId: event.accountId,
          trialPlan: d.plan,
          trialSeats: d.seats,
          trialStartedAt: d.trialStart,
          trialEndsAt: d.trialEnd,
          status: "trialing",
          convertedAt: null,
          plan: null,
          interval: null,
          seats: null,
          unitPrice: null,
          currency: null,
          canceledAt: null,
          lastPosition: event.position,
        });
        return;
      }
      case "TrialConverted": {
        if (!fresh) return;
        const d = event.data as SubscriptionEventData<"TrialConverted">;
        trials.set(event.accountId, {
          ...trial,
          status: "converted",
          convertedAt: d.periodStart,
          plan: d.plan,
          interval: d.interval,
          seats: d.seats,
          unitPrice: d.unitPrice,
          currency: d.currency,
          lastPosition: event.position,
        });
        return;
      }
      case "SubscriptionCanceled": {
        // Only a trial that was still running ends as canceled; a paying customer's later cancellation is churn.
        // canceledAt, not occurredAt: a cancellation due at the trial's end may be recorded days later.
        if (!fresh || trial.status !== "trialing") return;
        const d = event.data as SubscriptionEventData<"SubscriptionCanceled">;
        trials.set(event.accountId, {
          ...trial,
          status: "canceled",
          canceledAt: d.canceledAt,
          lastPosition: event.position,
        });
        return;
      }
    }
  },
});
