import type { z } from "zod";
import { approvalDecider } from "./approval/decider";
import { approvalEventDefinitions, approvalEventSchemas, type ApprovalEvent } from "./approval/events";
import { type ApprovalState, summarizeApproval } from "./approval/state";
import { accountDecider } from "./account/decider";
import { accountEventDefinitions, accountEventSchemas, type AccountEvent } from "./account/events";
import { summarizeAccount, type AccountState } from "./account/state";
import { correctionEventDefinitions, correctionEventSchemas, type CorrectionEvent } from "./corrections/events";
import { invoiceDecider } from "./invoice/decider";
import { invoiceEventDefinitions, invoiceEventSchemas, type InvoiceEvent } from "./invoice/events";
import { summarizeInvoice, type InvoiceState } from "./invoice/state";
import { leadDecider } from "./lead/decider";
import { leadEventDefinitions, leadEventSchemas, type LeadEvent } from "./lead/events";
import { summarizeLead, type LeadState } from "./lead/state";
import { operationsDecider } from "./operations/decider";
import { operationsEventDefinitions, operationsEventSchemas, type OperationsEvent } from "./operations/events";
import { type OperationsState, summarizeOperations } from "./operations/state";
import { priceListDecider } from "./pricelist/decider";
import { priceListEventDefinitions, priceListEventSchemas, type PriceListEvent } from "./pricelist/events";
import { type PriceListState, summarizePriceList } from "./pricelist/state";
import type { StreamKind } from "./shared/command-definition";
import type { SnapshotPolicy } from "./shared/event-definition";
import type { Command, Decider, DomainEvent } from "./shared/decider";
import { subscriptionDecider, subscriptionSnapshotPolicy } from "./subscription/decider";
import { subscriptionEventDefinitions, subscriptionEventSchemas, type SubscriptionEvent } from "./subscription/events";
import type { SubscriptionState } from "./subscription/state";
import { summarizeSubscription } from "./subscription/summary";

/** Every event type the store accepts, with schemas, personal fields and upcasters. */
export const domainEventDefinitions = [
  ...accountEventDefinitions,
  ...subscriptionEventDefinitions,
  ...invoiceEventDefinitions,
  ...leadEventDefinitions,
  ...priceListEventDefinitions,
  ...approvalEventDefinitions,
  ...operationsEventDefinitions,
  ...correctionEventDefinitions,
];

/** Each stream kind's event schemas: the event types a stream of that kind holds. */
export const eventSchemasByKind = {
  account: accountEventSchemas,
  subscription: subscriptionEventSchemas,
  invoice: invoiceEventSchemas,
  lead: leadEventSchemas,
  pricelist: priceListEventSchemas,
  approval: approvalEventSchemas,
  operations: operationsEventSchemas,
} satisfies Record<StreamKind, object>;

/** Every event type's current schema (each kind's, and the corrections any stream may hold). */
export const domainEventSchemas: Readonly<Record<DomainEventType, z.ZodType>> = Object.assign(
  {},
  ...Object.values(eventSchemasByKind),
  correctionEventSchemas,
);

export type AnyDomainEvent =
  | AccountEvent
  | SubscriptionEvent
  | InvoiceEvent
  | LeadEvent
  | PriceListEvent
  | ApprovalEvent
  | OperationsEvent
  | CorrectionEvent;
export type DomainEventType = AnyDomainEvent["type"];
export type AggregateState =
  AccountState | SubscriptionState | InvoiceState | LeadState | PriceListState | ApprovalState | OperationsState;

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
  approval: { decider: loose(approvalDecider), summarize: summarizer(summarizeApproval) },
  operations: { decider: loose(operationsDecider), summarize: summarizer(summarizeOperations) },
};

export {
  approvalDecider,
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
  ApprovalEvent,
  ApprovalState,
  InvoiceEvent,
  InvoiceState,
  LeadEvent,
  LeadState,
  OperationsEvent,
  OperationsState,
  PriceListEvent,
  PriceListState,
  SubscriptionEvent,
  SubscriptionState,
};
export { LEAD_STAGES, LEAD_TRANSITIONS, type LeadStage } from "./lead/pipeline";
