const button =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";

/** The evidence endpoint's URL for an account and an optional period (a global position or an ISO time each). */
export function evidenceHref(accountId: string, from?: string, to?: string): string {
  const query = new URLSearchParams();
  if (from) query.set("from", from);
  if (to) query.set("to", to);
  const search = query.toString();
  return `/api/accounts/${encodeURIComponent(accountId)}/evidence${search ? `?${search}` : ""}`;
}

/**
 * Downloads the account's evidence bundle (docs/evidence.md): its events with
 * their hash chains, which anyone can re-check with scripts/verify-evidence.mjs.
 * Show it only to viewers who may export (`can(role, "export")`); the
 * endpoint refuses everyone else.
 */
export function EvidenceLink({ accountId, from, to }: { accountId: string; from?: string; to?: string }) {
  return (
    <a
      href={evidenceHref(accountId, from, to)}
      className={button}
      title="A JSON file of these events with their hash chains, re-checkable without Ledgerline"
    >
      Evidence bundle
    </a>
  );
}
