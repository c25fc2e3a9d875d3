import { accountDecider } from "./account/decider";
import { accountEventDefinitions, type AccountEvent } from "./account/events";
import { summarizeAccount, type AccountState } from "./account/state";
import { correctionEventDefinitions, type CorrectionEvent } from "./corrections/events";
import { invoiceDecider } from "./invoice/decider";
import { invoiceEventDefinitions, type InvoiceEvent } from "./invoice/events";
import { summarizeInvoice, type InvoiceState } from "./invoice/state";
import { leadDecider } from "./lead/decider";
import { leadEventDefinitions, type LeadEvent } from "./lead/events";
import { summarizeLead, type LeadState } from "./lead/state";
import { priceListDecider } from "./pricelist/decider";
import { priceListEventDefinitions, type PriceListEvent } from "./pricelist/events";
import { type PriceListState, summarizePriceList } from "./pricelist/state";
import type { StreamKind } from "./shared/command-definition";
import type { SnapshotPolicy } from "./shared/event-definition";
import type { Command, Decider, DomainEvent } from "./shared/decider";
import { subscriptionDecider, subscriptionSnapshotPolicy } from "./subscription/decider";
import { subscriptionEventDefinitions, type SubscriptionEvent } from "./subscription/events";
import type { SubscriptionState } from "./subscription/state";
import { summarizeSubscription } from "./subscription/summary";

/** Every event type the store accepts, with schemas, personal fields and upcasters. */
export const domainEventDefinitions = [
  ...accountEventDefinitions,
  ...subscriptionEventDefinitions,
  ...invoiceEventDefinitions,
  ...leadEventDefinitions,
  ...priceListEventDefinitions,
  ...correctionEventDefinitions,
];

export type AnyDomainEvent =
  AccountEvent | SubscriptionEvent | InvoiceEvent | LeadEvent | PriceListEvent | CorrectionEvent;
export type DomainEventType = AnyDomainEvent["type"];
export type AggregateState = AccountState | SubscriptionState | InvoiceState | LeadState | PriceListState;

export interface AggregateDefinition {
  /** Loosely typed: a stream of this kind only holds this aggregate's events (the registry validated them). */
  decider: Decider<Command, DomainEvent, unknown>;
  /** Snapshot every `every` events, in this state schema version. */
  snapshot?: SnapshotPolicy;
  /** One line describing a state of this aggregate. */
  summarize: (state: unknown) => string;
}

const loose = <C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) =>
  decider as unknown as Decider<Command, DomainEvent, unknown>;
const summarizer = <S>(summarize: (state: S) => string) => summarize as (state: unknown) => string;

/** The aggregate behind each stream kind (`<kind>-<id>`). */
export const aggregates: Readonly<Record<StreamKind, AggregateDefinition>> = {
  account: { decider: loose(accountDecider), summarize: summarizer(summarizeAccount) },
  subscription: {
    decider: loose(subscriptionDecider),
    snapshot: subscriptionSnapshotPolicy,
    summarize: summarizer(summarizeSubscription),
  },
  invoice: { decider: loose(invoiceDecider), summarize: summarizer(summarizeInvoice) },
  lead: { decider: loose(leadDecider), summarize: summarizer(summarizeLead) },
  pricelist: { decider: loose(priceListDecider), summarize: summarizer(summarizePriceList) },
};

export {
  accountDecider,
  invoiceDecider,
  leadDecider,
  subscriptionDecider,
  summarizeAccount,
  summarizeInvoice,
  summarizeLead,
  summarizeSubscription,
};
export { BILLING_POLICY_TRIGGERS, billingPolicy, type PolicyCommand, type PolicyTrigger } from "./billing/policy";
export * from "./billing/money";
export { prorate, type Proration, type ProrationInput } from "./billing/proration";
export * as catalog from "./catalog";
export * from "./commands";
export { type CommandDefinition, STREAM_KINDS, type StreamKind } from "./shared/command-definition";
export { DomainError } from "./shared/domain-error";
export type { SupersedeTarget } from "./corrections/target";
export type { CorrectionEvent };
export type { Command, Decider, DomainEvent } from "./shared/decider";
export type {
  AccountEvent,
  AccountState,
  InvoiceEvent,
  InvoiceState,
  LeadEvent,
  LeadState,
  PriceListEvent,
  PriceListState,
  SubscriptionEvent,
  SubscriptionState,
};
export { LEAD_STAGES, LEAD_TRANSITIONS, type LeadStage } from "./lead/pipeline";
