import { ignoreUnknownEvent } from "../shared/exhaustive";
import type { AccountEvent } from "./events";
import type { AccountState } from "./state";

/** Applies a recorded fact. Never throws, never validates (personal data may read "[erased]"). */
export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case "AccountOpened":
      return {
        status: "open",
        accountId: event.data.accountId,
        name: event.data.name,
        billingEmail: event.data.billingEmail,
        contactName: null,
        currency: event.data.currency,
        openedAt: event.data.openedAt,
        closedAt: null,
        closeReason: null,
      };
    case "BillingContactChanged":
      if (state.status === "none") return state;
      return {
        ...state,
        billingEmail: event.data.billingEmail,
        contactName: event.data.contactName ?? state.contactName,
      };
    case "AccountRenamed":
      if (state.status === "none") return state;
      return { ...state, name: event.data.name };
    case "AccountClosed":
      if (state.status === "none") return state;
      return { ...state, status: "closed", closedAt: event.data.closedAt, closeReason: event.data.reason ?? null };
    case "PersonalDataErased":
      if (state.status === "none") return state;
      return { ...state, personalDataErasedAt: event.data.erasedAt };
    default:
      return ignoreUnknownEvent(event, state);
  }
}
