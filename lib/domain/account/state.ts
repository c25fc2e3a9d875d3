/** An account as the domain sees it; plain JSON (snapshots store it as is). */
export type AccountState = NoAccount | ExistingAccount;

export interface NoAccount {
  status: "none";
  accountId: null;
}

export interface ExistingAccount {
  status: "open" | "closed";
  accountId: string;
  name: string;
  billingEmail: string;
  contactName: string | null;
  currency: string;
  openedAt: string;
  closedAt: string | null;
  closeReason: string | null;
  /** When its personal data was erased (absent: never). */
  personalDataErasedAt?: string;
}

export const initialAccountState = (): AccountState => ({ status: "none", accountId: null });

/** One line for an API or a support screen. */
export function summarizeAccount(state: AccountState): string {
  switch (state.status) {
    case "none":
      return "No account yet.";
    case "open":
      return `${state.name}: open since ${state.openedAt.slice(0, 10)}, billed in ${state.currency} to ${state.billingEmail}.`;
    case "closed":
      return `${state.name}: closed on ${state.closedAt?.slice(0, 10) ?? "an unknown date"}${state.closeReason ? ` (${state.closeReason})` : ""}.`;
  }
}
