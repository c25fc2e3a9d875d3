import { billingWebhookEndpoint } from "@/lib/api/billing-webhook-endpoint";
import { dueAction } from "@/lib/automation/billing-clock";
import { issueCommand } from "@/lib/automation/issue-command";
import type { Caller, CommandResult } from "@/lib/commands/handle-command";
import { aggregates, type InvoiceState, type SubscriptionState } from "@/lib/domain";
import type { Source } from "@/lib/event-store";
import { stateAt } from "@/lib/history/state-at";
import type { Runtime } from "@/lib/server/runtime";
import { DEMO_WEBHOOK_SECRET, signPayload } from "@/lib/webhooks/billing-signature";
import { appVersionAt } from "./app-versions";
import { DEMO_CALLERS } from "./demo-actors";
import type { Random } from "./random";

export const DAY = 86_400_000;

export interface CommandOptions {
  source?: Source;
  /** Defaults to the deployment that was live then (app-versions.ts). */
  appVersion?: string;
  requestId?: string;
  correlationId?: string;
  idempotencyKey?: string;
  reason?: string;
}

export interface Delivery {
  id: string;
  type: "payment.succeeded" | "payment.failed" | "refund.succeeded";
  data: { invoiceId: string; amount: number; currency: string; providerRef: string; reason?: string };
}

/** Every command a result led to, itself included (follow-ups of follow-ups too). */
export const flatten = (result: CommandResult): CommandResult[] => [result, ...result.followUps.flatMap(flatten)];

/** The invoices a command's policies issued. */
export const invoicesOf = (result: CommandResult) =>
  flatten(result)
    .filter((r) => r.commandType === "IssueInvoice")
    .map((r) => r.targetId);

/**
 * What the demo's stories and generated accounts write through: the real
 * command handler (so policies bill as in production) and the real billing
 * webhook endpoint (signed deliveries), each at a point of business time in
 * the past, stamped with the deployment that was live then.
 */
export class Seeder {
  private readonly webhookEndpoints = new Map<number, ReturnType<typeof billingWebhookEndpoint>>();

  constructor(
    readonly runtime: Runtime,
    /** The seed's "today": stories are told in days before it. */
    readonly now: Date,
    readonly random: Random,
  ) {}

  /** The same seeder with its own random stream, so one account's story does not depend on another's. */
  forAccount(accountId: string): Seeder {
    return new Seeder(this.runtime, this.now, this.random.fork(accountId));
  }

  /** A moment `days` before today (negative: in the past), at `hours` UTC. */
  at(days: number, hours = 10): Date {
    const midnight = Date.UTC(this.now.getUTCFullYear(), this.now.getUTCMonth(), this.now.getUTCDate());
    return new Date(midnight + days * DAY + hours * 3_600_000);
  }

  run(when: Date, caller: Caller, type: string, data: Record<string, unknown>, options: CommandOptions = {}) {
    return issueCommand(this.runtime, {
      type,
      data,
      caller,
      source: options.source ?? "api",
      now: when,
      appVersion: options.appVersion ?? appVersionAt(when, this.now),
      requestId: options.requestId,
      correlationId: options.correlationId,
      idempotencyKey: options.idempotencyKey,
      reason: options.reason,
    });
  }

  async invoice(
    invoiceId: string,
  ): Promise<Extract<InvoiceState, { status: "open" | "paid" | "void" | "uncollectible" }>> {
    return (await stateAt(this.runtime.store, `invoice-${invoiceId}`)).state as never;
  }

  /**
   * One delivery of the billing provider's webhook, through the same endpoint
   * as a real one: signed, at the time it arrived (so its signature is fresh).
   */
  async deliver(when: Date, delivery: Delivery): Promise<Response> {
    const rawBody = JSON.stringify({ ...delivery, created: Math.floor(when.getTime() / 1000) });
    const signature = `t=${Math.floor(when.getTime() / 1000)},v1=${signPayload(DEMO_WEBHOOK_SECRET, Math.floor(when.getTime() / 1000), rawBody)}`;
    const endpoint = this.endpointAt(when);
    const response = await endpoint(
      new Request("http://ledgerline.demo/api/webhooks/billing", {
        method: "POST",
        headers: { "content-type": "application/json", "ledgerline-signature": signature },
        body: rawBody,
      }),
    );
    if (!response.ok)
      throw new Error(`demo seed: webhook ${delivery.id} answered ${response.status}: ${await response.text()}`);
    return response;
  }

  private endpointAt(when: Date) {
    const key = when.getTime();
    let endpoint = this.webhookEndpoints.get(key);
    if (!endpoint) {
      endpoint = billingWebhookEndpoint({
        runtime: async () => this.runtime,
        env: { LEDGERLINE_DEMO: "1" },
        appVersion: appVersionAt(when, this.now),
        now: () => when,
      });
      // Only the latest few are kept: each delivery has its own moment.
      if (this.webhookEndpoints.size > 8) this.webhookEndpoints.clear();
      this.webhookEndpoints.set(key, endpoint);
    }
    return endpoint;
  }

  /**
   * Sales opens an account and sells it a plan (at `day`, 10:00 and 11:00);
   * unless told otherwise the provider pays the first invoice at noon.
   */
  async signUp(
    day: number,
    accountId: string,
    name: string,
    plan: { plan: string; interval: string; seats: number },
    { pay = true, billingEmail = `billing@${accountId}.example` } = {},
  ): Promise<CommandResult> {
    const crm = DEMO_CALLERS.crm;
    await this.run(this.at(day), crm, "OpenAccount", { accountId, name, billingEmail, currency: "USD" });
    const purchase = await this.run(this.at(day, 11), crm, "PurchasePlan", { accountId, ...plan });
    if (pay) await this.pay(this.at(day, 12), invoicesOf(purchase));
    return purchase;
  }

  /** The provider reports a card payment of each invoice's balance (an hour or so after `when`). */
  async pay(when: Date, invoiceIds: readonly string[], { share = 1 } = {}) {
    for (const invoiceId of invoiceIds) {
      const invoice = await this.invoice(invoiceId);
      const amount = Math.floor(invoice.balance * share);
      if (amount <= 0) continue;
      await this.deliver(new Date(when.getTime() + this.random.int(5, 90) * 60_000), {
        id: `evt_pay_${invoiceId}_${invoice.payments.length + 1}`,
        type: "payment.succeeded",
        data: { invoiceId, amount, currency: invoice.currency, providerRef: `ch_${invoiceId.slice(0, 10)}` },
      });
    }
  }

  /**
   * Moves one account's subscription to `until` as the billing clock would:
   * every period that ended is renewed (its invoice issued by the policy) and
   * paid through the provider's webhook (now and then a declined card first),
   * and a cancellation that came due is completed.
   */
  async advance(accountId: string, until: Date, { declineRate = 0.04, pay = true } = {}): Promise<string[]> {
    const issued: string[] = [];
    for (let step = 0; step < 60; step++) {
      const { state } = await this.runtime.store.loadAggregate(
        `subscription-${accountId}`,
        aggregates.subscription.decider,
      );
      const due = dueAction(state as SubscriptionState, until);
      if (!due) return issued;
      const when = new Date(due.at);
      const result = await this.run(when, DEMO_CALLERS.billingClock, due.type, { accountId }, { source: "system" });
      if (due.type !== "RenewSubscription") return issued;
      issued.push(...invoicesOf(result));
      if (!pay) continue;
      for (const invoiceId of invoicesOf(result)) {
        if (this.random.chance(declineRate)) await this.decline(new Date(when.getTime() + 3_600_000), invoiceId);
        await this.pay(new Date(when.getTime() + (this.random.chance(0.1) ? 3 : 0) * 86_400_000), [invoiceId]);
      }
    }
    return issued;
  }

  /** The provider reports a declined card for an invoice's balance. */
  async decline(when: Date, invoiceId: string) {
    const invoice = await this.invoice(invoiceId);
    if (invoice.balance <= 0) return;
    await this.deliver(when, {
      id: `evt_fail_${invoiceId}_${invoice.failedPayments.length + 1}`,
      type: "payment.failed",
      data: {
        invoiceId,
        amount: invoice.balance,
        currency: invoice.currency,
        providerRef: `ch_declined_${invoiceId.slice(0, 8)}`,
        reason: this.random.pick(["Card declined: insufficient funds.", "Card expired.", "Card declined by the bank."]),
      },
    });
  }
}
