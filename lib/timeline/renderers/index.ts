import type { z } from "zod";
import { type AnyDomainEvent, domainEventSchemas, type DomainEventType } from "@/lib/domain";
import type { Actor } from "@/lib/event-store/metadata";
import { accountRenderers } from "./account";
import { approvalRenderers } from "./approval";
import { invoiceRenderers } from "./invoice";
import { leadRenderers } from "./lead";
import { operationsRenderers } from "./operations";
import { correctionRenderers } from "./corrections";
import { priceListRenderers } from "./pricelist";
import { subscriptionRenderers } from "./subscription";

/**
 * One past-tense verb phrase per event type, without its subject ("downgraded Pro to Starter, effective
 * immediately"). Total: a new event type does not compile until it has a phrase.
 */
export const eventRenderers: {
  [T in DomainEventType]: (data: Extract<AnyDomainEvent, { type: T }>["data"]) => string;
} = {
  ...accountRenderers,
  ...subscriptionRenderers,
  ...invoiceRenderers,
  ...leadRenderers,
  ...priceListRenderers,
  ...approvalRenderers,
  ...operationsRenderers,
  ...correctionRenderers,
};

/** The schemas data must pass before a phrase reads it (erased personal data, "[erased]", passes them). */
const eventSchemas: Readonly<Record<DomainEventType, z.ZodType>> = domainEventSchemas;

const isDomainEventType = (type: string): type is DomainEventType => Object.hasOwn(eventSchemas, type);

/** The event as a phrase; `recorded <type>` for an unknown type or data its schema does not accept. Never throws. */
export function renderPhrase(event: { type: string; data: unknown }): string {
  const fallback = `recorded ${event.type}`;
  if (!isDomainEventType(event.type)) return fallback;
  try {
    const parsed = eventSchemas[event.type].safeParse(event.data);
    if (!parsed.success) return fallback;
    const phrase = eventRenderers[event.type] as (data: unknown) => string;
    return phrase(parsed.data);
  } catch {
    return fallback;
  }
}

const SYSTEM_ACTORS: ReadonlyMap<string, string> = new Map([
  ["billing-policy", "Billing policy"],
  ["billing-webhook", "Billing provider webhook"],
  ["demo-seed", "Demo seed"],
  ["coupon-janitor", "Coupon clean-up (automation)"],
  ["four-eyes-approval", "Four-eyes approval"],
]);

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Dana (admin)", "crm-sync (service)", "Billing policy". */
export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case "user":
      return `${capitalize(actor.id)} (${actor.role})`;
    case "service":
      return `${actor.id} (service)`;
    case "system":
      return SYSTEM_ACTORS.get(actor.id) ?? capitalize(actor.id.replaceAll("-", " "));
  }
}

/** "Dana (admin) downgraded Pro to Starter, effective at period end (2026-12-01)". */
export function renderSentence(event: { type: string; data: unknown; metadata: { actor: Actor } }): string {
  return `${actorLabel(event.metadata.actor)} ${renderPhrase(event)}`;
}
