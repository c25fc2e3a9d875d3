import type { AccountEvent } from "@/lib/domain";
import { colon, person, type RenderersOf } from "./format";

export const accountRenderers: RenderersOf<AccountEvent> = {
  AccountOpened: (d) => `opened the account ${d.name} (${d.currency}, billing email ${d.billingEmail})`,
  BillingContactChanged: (d) =>
    d.contactName === undefined
      ? `changed the billing email to ${d.billingEmail}`
      : `changed the billing contact to ${person(d.contactName, d.billingEmail)}`,
  AccountRenamed: (d) => `renamed the account to ${d.name}`,
  AccountClosed: (d) => `closed the account${colon(d.reason)}`,
  PersonalDataErased: () => "erased the account's personal data (names and emails)",
};
