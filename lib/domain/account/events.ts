import { z } from "zod";
import type { EventDefinition } from "@/lib/domain/shared/event-definition";
import { ZCurrency } from "../billing/money";
import { ZEntityId, ZInstant } from "../shared/schemas";
import { eventDefinitionsOf, type EventUnionOf } from "../shared/unions";

// Names and emails are personal data: after an erasure they read back as
// "[erased]", so these schemas only apply when an event is appended.
const ZStoredName = z.string().min(1).max(200);
const ZStoredEmail = z.string().min(1).max(254);

export const ZAccountOpened = z
  .object({
    accountId: ZEntityId,
    name: ZStoredName,
    billingEmail: ZStoredEmail,
    currency: ZCurrency,
    openedAt: ZInstant,
  })
  .strict();

export const ZBillingContactChanged = z
  .object({ accountId: ZEntityId, billingEmail: ZStoredEmail, contactName: ZStoredName.optional() })
  .strict();

export const ZAccountRenamed = z.object({ accountId: ZEntityId, name: ZStoredName }).strict();

export const ZAccountClosed = z
  .object({ accountId: ZEntityId, reason: z.string().max(500).optional(), closedAt: ZInstant })
  .strict();

/** A GDPR erasure of a closed account: its and its leads' names and emails now read "[erased]" (decision 2). */
export const ZPersonalDataErased = z.object({ accountId: ZEntityId, erasedAt: ZInstant }).strict();

export const accountEventSchemas = {
  AccountOpened: ZAccountOpened,
  BillingContactChanged: ZBillingContactChanged,
  AccountRenamed: ZAccountRenamed,
  AccountClosed: ZAccountClosed,
  PersonalDataErased: ZPersonalDataErased,
};

export type AccountEvent = EventUnionOf<typeof accountEventSchemas>;
export type AccountEventType = AccountEvent["type"];

export const accountEventDefinitions: EventDefinition[] = eventDefinitionsOf(accountEventSchemas, {
  personalFields: {
    AccountOpened: ["name", "billingEmail"],
    BillingContactChanged: ["billingEmail", "contactName"],
    AccountRenamed: ["name"],
  },
  // The store erases the account's personal data in the transaction that appends the event.
  effects: { PersonalDataErased: "erase-personal-data" },
});
