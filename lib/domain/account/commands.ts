import { z } from "zod";
import { ZCurrency } from "../billing/money";
import { ZEmail, ZEntityId, ZName } from "../shared/schemas";
import type { CommandUnionOf } from "../shared/unions";

export const ZOpenAccount = z
  .object({
    /** Omitted: the handler makes one and puts it here before decide. */
    accountId: ZEntityId.optional(),
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

export const accountCommandSchemas = {
  OpenAccount: ZOpenAccount,
  ChangeBillingContact: ZChangeBillingContact,
  RenameAccount: ZRenameAccount,
  CloseAccount: ZCloseAccount,
};

export type AccountCommand = CommandUnionOf<typeof accountCommandSchemas>;
export type AccountCommandType = AccountCommand["type"];
