import { assertNever } from "../shared/decider";
import { nowOf } from "../shared/context";
import { reject } from "../shared/domain-error";
import type { AccountCommand } from "./commands";
import type { AccountEvent } from "./events";
import type { AccountState, ExistingAccount } from "./state";

export function decideAccount(state: AccountState, command: AccountCommand): AccountEvent[] {
  switch (command.type) {
    case "OpenAccount": {
      if (state.status !== "none") {
        reject(
          "ACCOUNT_ALREADY_EXISTS",
          `An account with the id ${state.accountId} already exists (${state.name}); it can't be opened twice.`,
          {
            accountId: state.accountId,
          },
        );
      }
      const { accountId, name, billingEmail, currency } = command.data;
      if (!accountId) throw new Error("OpenAccount reached decide without an accountId; the handler must fill it in");
      return [{ type: "AccountOpened", data: { accountId, name, billingEmail, currency, openedAt: nowOf(command) } }];
    }
    case "ChangeBillingContact": {
      const account = openAccount(state, "change the billing contact of");
      const { billingEmail, contactName } = command.data;
      if (billingEmail === account.billingEmail && (contactName === undefined || contactName === account.contactName)) {
        reject("BILLING_CONTACT_UNCHANGED", `The billing contact is already ${billingEmail}; nothing to change.`);
      }
      return [
        {
          type: "BillingContactChanged",
          data: { accountId: account.accountId, billingEmail, ...(contactName !== undefined ? { contactName } : {}) },
        },
      ];
    }
    case "RenameAccount": {
      const account = openAccount(state, "rename");
      if (command.data.name === account.name) {
        reject("ACCOUNT_NAME_UNCHANGED", `The account is already named ${account.name}; nothing to change.`);
      }
      return [{ type: "AccountRenamed", data: { accountId: account.accountId, name: command.data.name } }];
    }
    case "CloseAccount": {
      const account = openAccount(state, "close");
      const { reason } = command.data;
      return [
        {
          type: "AccountClosed",
          data: { accountId: account.accountId, ...(reason !== undefined ? { reason } : {}), closedAt: nowOf(command) },
        },
      ];
    }
    case "ErasePersonalData":
      return erasePersonalData(state, nowOf(command));
    default:
      return assertNever(command);
  }
}

function openAccount(state: AccountState, action: string): ExistingAccount {
  if (state.status === "none") {
    reject("ACCOUNT_NOT_FOUND", `There is no account with this id, so we can't ${action} it.`);
  }
  if (state.status === "closed") {
    reject(
      "ACCOUNT_CLOSED",
      `The account ${state.name} was closed on ${state.closedAt?.slice(0, 10)}; a closed account can't be changed.`,
      {
        accountId: state.accountId,
      },
    );
  }
  return state;
}

/** Personal data goes only once the customer has left: an open account still needs its billing contact. */
function erasePersonalData(state: AccountState, now: string): AccountEvent[] {
  if (state.status === "none")
    reject("ACCOUNT_NOT_FOUND", "There is no account with this id, so there is nothing to erase.");
  if (state.status === "open") {
    reject(
      "ACCOUNT_NOT_CLOSED",
      `The account ${state.name} is open; personal data is erased only from a closed account. Close it first.`,
      { accountId: state.accountId },
    );
  }
  if (state.personalDataErasedAt) {
    reject(
      "PERSONAL_DATA_ALREADY_ERASED",
      `This account's personal data was already erased on ${state.personalDataErasedAt.slice(0, 10)}; there is nothing left to erase.`,
      { accountId: state.accountId },
    );
  }
  return [{ type: "PersonalDataErased", data: { accountId: state.accountId, erasedAt: now } }];
}
