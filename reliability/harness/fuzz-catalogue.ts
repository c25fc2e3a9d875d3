/**
 * The bad-input test's catalogue of the HTTP API: per route and method, which
 * roles may call it, which query parameters it knows (with good values), what
 * body it takes (valid, from the command's own schema for commands) and
 * whether unknown body fields are refused. The test checks that it names
 * every route the app has.
 */
import fc from "fast-check";
import { z } from "zod";
import type { Role } from "@/lib/auth/permissions";
import { COMMAND_TYPES, commandDefinitions, type CommandType } from "@/lib/domain";
import { ZSource } from "@/lib/event-store";
import { fromSchema, headerValue, type Hints, type JsonSchema, nastyValue } from "./fuzz-values";
import type { Tokens } from "./suite";

/** Things that exist in the database, so that requests reach past "not found". */
export interface Fixtures {
  tokens: Tokens;
  accounts: string[];
  invoices: string[];
  leads: string[];
  streams: string[];
  eventIds: string[];
  maxPosition: number;
  projections: string[];
  runIds: string[];
  verificationIds: string[];
}

export type P = Record<string, string>;
export interface RouteSpec {
  roles: Role[] | "none" | ((params: P) => Role[]);
  query?: Record<string, fc.Arbitrary<string>>;
  /** A body the route accepts (for POST), given the path's parameters. */
  body?: (params: P) => fc.Arbitrary<unknown>;
  /** Unknown fields in the body are refused (a strict schema); the webhook's is lenient by design. */
  strict?: boolean;
  weight?: number;
}

export const ALL_ROLES: Role[] = ["support", "finance", "admin", "service"];
const FINANCE: Role[] = ["finance", "admin"];
export const OPERATION_TYPES = COMMAND_TYPES.filter((t) => commandDefinitions[t].operation);
export const BUSINESS_TYPES = COMMAND_TYPES.filter((t) => !commandDefinitions[t].operation);
const schemas = new Map<string, JsonSchema>(
  COMMAND_TYPES.map((t) => [
    t,
    z.toJSONSchema(commandDefinitions[t].schema, { unrepresentable: "any", io: "input" }) as JsonSchema,
  ]),
);

const rolesForCommand = (type: string): Role[] => {
  const definition = commandDefinitions[type as CommandType];
  if (!definition || definition.corrective || definition.catalog || definition.operation) return ["admin"];
  return ["admin", "service"];
};

export function catalogue(fx: Fixtures): Record<string, RouteSpec> {
  const position = fc.integer({ min: 0, max: fx.maxPosition + 3 }).map(String);
  const day = fc.integer({ min: -40, max: 10 }).map((d) => new Date(Date.now() + d * 86_400_000).toISOString());
  const point = fc.oneof(
    position,
    day,
    day.map((d) => d.slice(0, 10)),
  );
  const month = fc.constantFrom(new Date().toISOString().slice(0, 7), "2026-01", "2026-13", "1999-12");
  const timeline = {
    types: fc.constantFrom("AccountOpened", "PlanPurchased,InvoiceIssued", "NoSuchEvent", ","),
    streams: fc.oneof(fc.constantFrom("account", "subscription,invoice", "lead"), fc.constantFrom(...fx.streams)),
    actor: fc.constantFrom("rel-admin", "billing-policy"),
    source: fc.constantFrom(...ZSource.options),
    appVersion: fc.constantFrom("0.1.0", "9.9.9"),
    correlationId: fc.uuid(),
    from: day,
    to: day,
    limit: fc.integer({ min: -1, max: 250 }).map(String),
    cursor: position,
    // A valid waitFor waits up to 3 s for a projection this app does not run: rarely sent.
    waitFor: fc.oneof({ weight: 19, arbitrary: headerValue(10) }, { weight: 1, arbitrary: position }),
  };
  const commandBody = (params: P): fc.Arbitrary<unknown> => {
    const schema = schemas.get(params.type ?? "");
    return schema ? fromSchema(schema, hints(fx)) : nastyValue();
  };
  const reason = fc.constantFrom("reliability: bad input", "ok", "  ");
  return {
    "GET /api/accounts/[accountId]": { roles: ALL_ROLES, query: { waitFor: timeline.waitFor } },
    "GET /api/accounts/[accountId]/changes": { roles: ALL_ROLES, query: { ...timeline, after: position } },
    "GET /api/accounts/[accountId]/evidence": { roles: FINANCE, query: { from: point, to: point } },
    "GET /api/accounts/[accountId]/export": {
      roles: FINANCE,
      query: { ...timeline, format: fc.constantFrom("csv", "json", "xml"), order: fc.constantFrom("asc", "desc") },
    },
    "GET /api/accounts/[accountId]/timeline": { roles: ALL_ROLES, query: timeline },
    "POST /api/commands/[type]": {
      roles: (p) => rolesForCommand(p.type ?? ""),
      body: commandBody,
      strict: true,
      weight: 8,
    },
    "POST /api/finance/reconciliation": {
      roles: FINANCE,
      strict: true,
      body: () =>
        fc.oneof(
          fc.record({ period: month }),
          fc.record({ from: day.map((d) => d.slice(0, 10)), to: day.map((d) => d.slice(0, 10)) }),
          fc.record({ period: month, asOf: point }),
        ),
    },
    "GET /api/finance/reconciliation/runs/[runId]": { roles: FINANCE },
    "GET /api/finance/reconciliation/runs/[runId]/export": { roles: FINANCE },
    "GET /api/health": { roles: "none" },
    "GET /api/horizon": { roles: ALL_ROLES },
    "GET /api/integrity/verifications": { roles: ALL_ROLES },
    "POST /api/integrity/verifications": {
      roles: ["admin"],
      strict: true,
      body: () => fc.record({ scope: fc.oneof(fc.constant("all"), fc.constantFrom(...fx.streams)), reason }),
    },
    "GET /api/integrity/verifications/[id]": { roles: ALL_ROLES },
    "GET /api/metrics": { roles: ALL_ROLES },
    "GET /api/overview": { roles: ALL_ROLES },
    "GET /api/projections": { roles: ALL_ROLES },
    "POST /api/projections/[name]/[action]": {
      roles: ["admin"],
      strict: true,
      body: () => fc.record({ reason, accountId: fc.constantFrom(...fx.accounts) }, { requiredKeys: [] }),
    },
    "GET /api/projections/consistency": {
      roles: FINANCE,
      query: { sample: fc.integer({ min: -1, max: 20 }).map(String), accountId: fc.constantFrom(...fx.accounts) },
    },
    "GET /api/projections/console": { roles: ALL_ROLES },
    "GET /api/reports/conversions": {
      roles: FINANCE,
      query: {
        format: fc.constantFrom("csv", "json"),
        from: day.map((d) => d.slice(0, 10)),
        to: day.map((d) => d.slice(0, 10)),
        plan: fc.constantFrom("starter", "pro", "gold"),
        interval: fc.constantFrom("monthly", "annual", "weekly"),
      },
    },
    "GET /api/streams/[streamId]": { roles: ALL_ROLES, query: { at: point } },
    "POST /api/webhooks/billing": { roles: "none", body: () => webhookBody(fx), weight: 2 },
  };
}

/** Ids that exist, for fields of those names (and now and then one that does not). */
function hints(fx: Fixtures): Hints {
  const known = (values: string[]) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...values) },
      { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9]{1,12}$/) },
    );
  return {
    accountId: known(fx.accounts),
    invoiceId: known(fx.invoices),
    leadId: known(fx.leads),
    compensatesEventId: known(fx.eventIds),
    position: fc.integer({ min: 1, max: fx.maxPosition + 2 }),
    code: fc.constantFrom("SAVE20", "NOPE"),
    currency: fc.constantFrom("USD", "EUR"),
    projection: fc.constantFrom(...fx.projections),
  };
}

function webhookBody(fx: Fixtures): fc.Arbitrary<unknown> {
  return fc.record({
    // A small pool of delivery ids, so some deliveries repeat (with the same or another body).
    id: fc.integer({ min: 0, max: 9 }).map((n) => `evt_fuzz_${n}`),
    type: fc.constantFrom("payment.succeeded", "payment.failed", "refund.succeeded"),
    created: fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }),
    data: fc.record(
      {
        invoiceId: fc.constantFrom(...fx.invoices),
        amount: fc.integer({ min: 1, max: 5000 }),
        currency: fc.constantFrom("USD", "usd", "EUR"),
        providerRef: fc.constantFrom("ch_1", "ch_2"),
        reason: fc.constantFrom("declined", "customer asked"),
      },
      { requiredKeys: ["invoiceId", "amount", "currency", "providerRef"] },
    ),
  });
}
