import { z } from "zod";
import { ZCurrency } from "../billing/money";
import { isOperationsAccountId, operationsAccountId } from "../operations/commands";
import { isPriceListAccountId, priceListAccountId } from "../pricelist/commands";
import { ZEmail, ZEntityId, ZName, ZReason } from "../shared/schemas";
import type { CommandUnionOf } from "../shared/unions";

/** A new account's id: never one a price list's or the operations console's timeline uses, or their events would share one. */
const ZNewAccountId = ZEntityId.refine((id) => !isPriceListAccountId(id), {
  error: `is reserved: ids starting with "${priceListAccountId("")}" name a price list's timeline`,
}).refine((id) => !isOperationsAccountId(id), {
  error: `is reserved: ids starting with "${operationsAccountId("")}" name the operations console's timeline`,
});

export const ZOpenAccount = z
  .object({
    /** Omitted: the handler makes one and puts it here before decide. */
    accountId: ZNewAccountId.optional(),
    name: ZName,
    billingEmail: ZEmail,
    currency: ZCurrency,
  })
  .strict();

export const ZChangeBillingContact = z
  .object({ accountId: ZEntityId, billingEmail: ZEmail, contactName: ZName.optional() })
  .strict();

export const ZRenameAccount = z.object({ accountId: ZEntityId, name: ZName }).strict();

export const ZCloseAccount = z
  .object({ accountId: ZEntityId, reason: z.string().trim().min(1).max(500).optional() })
  .strict();

/** A GDPR request: the reason names it (e.g. the ticket). Only for a closed account. */
export const ZErasePersonalData = z.object({ accountId: ZEntityId, reason: ZReason }).strict();

export const accountCommandSchemas = {
  OpenAccount: ZOpenAccount,
  ChangeBillingContact: ZChangeBillingContact,
  RenameAccount: ZRenameAccount,
  CloseAccount: ZCloseAccount,
  ErasePersonalData: ZErasePersonalData,
};

export type AccountCommand = CommandUnionOf<typeof accountCommandSchemas>;
export type AccountCommandType = AccountCommand["type"];
