import { getRuntime } from "@/lib/server/runtime";

/** Whether the log has any event of this account (a customer, or a prospect whose lead is not converted). */
export async function accountExists(accountId: string): Promise<boolean> {
  return (await getRuntime()).store.accountHasEvents(accountId);
}
