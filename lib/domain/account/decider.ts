import type { Decider } from "../shared/decider";
import { defineCommands } from "../shared/define-commands";
import { accountCommandSchemas, type AccountCommand } from "./commands";
import { decideAccount } from "./decide";
import type { AccountEvent } from "./events";
import { evolveAccount } from "./evolve";
import { initialAccountState, type AccountState } from "./state";

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: initialAccountState,
  decide: decideAccount,
  evolve: evolveAccount,
};

/** Stream `account-<accountId>`. */
export const accountCommandDefinitions = defineCommands("account", accountCommandSchemas, accountDecider, {
  OpenAccount: { targetKey: "accountId", creates: true },
  ChangeBillingContact: { targetKey: "accountId" },
  RenameAccount: { targetKey: "accountId" },
  CloseAccount: { targetKey: "accountId" },
  ErasePersonalData: { targetKey: "accountId", corrective: true, backdate: false },
});
