import type { Database } from "@/lib/db/types";
import type { EventStore } from "@/lib/event-store";
import {
  type AccountSummary,
  accountNames,
  getAccountSummary,
  listAccountSummaries,
} from "@/lib/projections/account-summary/queries";
import { getLead, type LeadView, searchLeads } from "@/lib/projections/customer-lifecycle/queries";
import { getInvoice, type InvoiceView, searchInvoices } from "@/lib/projections/invoices/queries";
import { accountsWrittenBy, scopeHasFacts } from "@/lib/timeline/read-model/queries";

export const SEARCH_MAX_LENGTH = 200;
export const SEARCH_PER_KIND = 20;

export interface SearchDeps {
  db: Database;
  store: Pick<EventStore, "accountHasEvents" | "readReplayByRequest">;
}

export interface Hits<T> {
  items: T[];
  /** More than SEARCH_PER_KIND matched. */
  more: boolean;
}

/** A page an id names exactly. */
export interface ExactMatch {
  kind: "account" | "invoice" | "lead" | "correlation";
  href: string;
}

export type SearchAnswer =
  /** The query is exactly one thing's id: go straight to its page. */
  | { redirect: string }
  | { kind: "empty" }
  | { kind: "too-long"; length: number }
  | {
      kind: "results";
      q: string;
      /** Pages whose id is exactly q, when more than one kind has it (else the answer is a redirect). */
      exact: ExactMatch[];
      accounts: Hits<AccountSummary>;
      invoices: Hits<InvoiceView>;
      leads: Hits<LeadView>;
      /** When q is a deployment's app version: the accounts it wrote events to (a bad release's reach). */
      deployment: { accountId: string; events: number; types: Record<string, number> }[];
      /** Names of the accounts the invoices, leads and deployment's events belong to. */
      accountNames: Map<string, string | null>;
    };

const path = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

/** Every page whose id is exactly `id`: an account, an invoice, a lead, a correlation or request. */
async function exactMatches(deps: SearchDeps, id: string): Promise<ExactMatch[]> {
  const [summary, account, invoice, lead, story, replay] = await Promise.all([
    getAccountSummary(deps.db, id),
    deps.store.accountHasEvents(id),
    getInvoice(deps.db, id),
    getLead(deps.db, id),
    scopeHasFacts(deps.db, { correlationId: id }),
    deps.store.readReplayByRequest(id),
  ]);
  const found: ExactMatch[] = [];
  if (summary || account) found.push({ kind: "account", href: path("/accounts", id) });
  if (invoice) found.push({ kind: "invoice", href: path("/invoices", id) });
  if (lead) found.push({ kind: "lead", href: path("/leads", id) });
  if (story || replay) found.push({ kind: "correlation", href: path("/correlations", id) });
  return found;
}

/**
 * The answer to the search box: a redirect when `q` is exactly one thing's
 * id (an account, invoice, lead, correlation or request id), else the
 * accounts (name, billing email, id), invoices (id) and leads (contact name,
 * email, company) containing it, any case, SEARCH_PER_KIND of each at most.
 */
export async function search(deps: SearchDeps, raw: string | string[] | undefined): Promise<SearchAnswer> {
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  if (q === "") return { kind: "empty" };
  if (q.length > SEARCH_MAX_LENGTH) return { kind: "too-long", length: q.length };
  const exact = await exactMatches(deps, q);
  if (exact.length === 1) return { redirect: exact[0]!.href };
  const [accounts, invoices, leads, deployment] = await Promise.all([
    listAccountSummaries(deps.db, { search: q, limit: SEARCH_PER_KIND }),
    searchInvoices(deps.db, q, SEARCH_PER_KIND),
    searchLeads(deps.db, q, SEARCH_PER_KIND),
    accountsWrittenBy(deps.db, q),
  ]);
  const owners = [...invoices.items, ...leads.items, ...deployment].map((x) => x.accountId);
  return {
    kind: "results",
    q,
    exact,
    accounts: { items: accounts.items, more: accounts.nextCursor !== null },
    invoices,
    leads,
    deployment,
    accountNames: await accountNames(deps.db, owners),
  };
}
