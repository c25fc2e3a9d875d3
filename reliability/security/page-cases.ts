/** Each page of the signed-in part and the permission it asks of the viewer (requireViewer): read, but verify for approvals and reconciliation, reports for the conversions report. */
import type { Permission } from "@/lib/auth/permissions";
import type { Fixture } from "./fixture";

export interface PageCase {
  route: string;
  path: string;
  needs: Permission;
}

export function pageCases(fx: Fixture): PageCase[] {
  const account = `/accounts/${fx.accountId}`;
  const page = (route: string, path: string, needs: Permission = "read"): PageCase => ({ route, path, needs });
  return [
    page("/", "/"),
    page("/accounts", "/accounts"),
    page("/accounts/[accountId]", account),
    page("/accounts/[accountId]/compare", `${account}/compare`),
    page("/accounts/[accountId]/events/[position]", `${account}/events/${fx.position}`),
    page("/accounts/[accountId]/report", `${account}/report`),
    page("/approvals", "/approvals", "verify"),
    page("/correlations/[id]", `/correlations/${fx.requestId}`),
    page("/finance/reconciliation", `/finance/reconciliation?period=${fx.period}`, "verify"),
    page("/invoices/[invoiceId]", `/invoices/${fx.invoiceId}`),
    page("/leads", "/leads"),
    page("/leads/[leadId]", `/leads/${fx.leadId}`),
    page("/projections", "/projections"),
    page("/reports/conversions", "/reports/conversions", "reports"),
    page("/search", "/search?q=Security"),
    page("/streams/[streamId]", `/streams/account-${fx.accountId}`),
  ];
}
