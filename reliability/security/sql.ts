/**
 * Every query-string parameter (and id in a path) a page or an API route
 * reads, to be filled with SQL metacharacters. Each entry is a path with one
 * "{}" where the payload goes (URL-encoded).
 */
export const SQL_PAYLOADS = {
  short: ["' OR '1'='1", "'; DROP TABLE events; --", "%", "_"],
  more: [
    "\\'",
    '" OR ""="',
    "%' OR 1=1 --",
    "') UNION SELECT token_hash FROM api_tokens --",
    "$1",
    "1; SELECT pg_sleep(0)",
    "*/ OR /*",
    "' || (SELECT current_user) || '",
  ],
};

export function sqlTargets(fx: { accountId: string; invoiceId: string; leadId: string; runId: string }): string[] {
  const account = `/accounts/${fx.accountId}`;
  const api = `/api${account}`;
  const timelineFilters = [
    "types",
    "streams",
    "actor",
    "source",
    "appVersion",
    "correlationId",
    "from",
    "to",
    "cursor",
  ];
  return [
    "/search?q={}",
    "/accounts?q={}",
    "/accounts?after={}",
    ...[...timelineFilters, "at", "axis", "view"].map((f) => `${account}?${f}={}`),
    `${account}/compare?from={}`,
    `${account}/compare?from=1&to={}`,
    `${account}/report?from={}`,
    `${account}/report?to={}`,
    "/leads?after={}",
    `/leads/${fx.leadId}?cursor={}`,
    `/invoices/${fx.invoiceId}?cursor={}`,
    `/streams/account-${fx.accountId}?at={}`,
    `/streams/account-${fx.accountId}?before={}`,
    "/finance/reconciliation?period={}",
    "/finance/reconciliation?from={}&to={}",
    "/finance/reconciliation?period=2026-01&asOf={}",
    ...["from", "to", "plan", "interval"].map((f) => `/reports/conversions?${f}={}`),
    "/accounts/{}",
    "/leads/{}",
    "/invoices/{}",
    "/streams/{}",
    "/correlations/{}",
    ...[...timelineFilters, "limit", "waitFor"].map((f) => `${api}/timeline?${f}={}`),
    ...["actor", "appVersion", "correlationId", "types", "order"].map((f) => `${api}/export?format=csv&${f}={}`),
    `${api}/evidence?from={}`,
    `${api}/evidence?to={}`,
    `${api}?waitFor={}`,
    `${api}/changes?after={}`,
    ...["from", "to", "plan", "interval"].map((f) => `/api/reports/conversions?format=csv&${f}={}`),
    `/api/streams/account-${fx.accountId}?at={}`,
    "/api/streams/{}",
    "/api/accounts/{}/timeline",
    "/api/projections/consistency?sample={}",
    "/api/projections/consistency?accountId={}",
    "/api/finance/reconciliation/runs/{}",
    `/api/finance/reconciliation/runs/${fx.runId}?x={}`,
    "/api/integrity/verifications/{}",
  ];
}

/** What an answer must never hold: the database's or the runtime's own words. */
export const LEAK =
  /PrismaClient|Invalid `prisma|syntax error at or near|SQLSTATE|unterminated quoted|DriverAdapterError|at async |node_modules|\.next\/server/;
