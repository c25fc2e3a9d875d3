/**
 * One request per API route and method (several for the commands route, one
 * per kind of permission), and the permissions each needs as docs/api.md
 * states them. Whether a caller may is then worked out with the permission
 * table (callers.ts); a command's permission is the one its definition implies.
 */
import type { Permission } from "@/lib/auth/permissions";
import { permissionFor } from "@/lib/commands/decision";
import { COMMAND_TYPES, commandDefinitions, isCommandType } from "@/lib/domain";
import { type Caller, type Expected, expected, principalRole } from "./callers";
import type { Fixture } from "./fixture";

export interface ApiCase {
  /** "GET /api/accounts/[accountId]": the route and method it covers. */
  route: string;
  label: string;
  path: string;
  /** The JSON body, per caller (a rename to the name it already has would be refused). */
  body?: (caller: string) => unknown;
  /** What it needs: permissions, none (public), or a webhook signature (no token will do). */
  needs: readonly Permission[] | "public" | "signature";
  /** An allowed caller gets a 2xx (false: the request is only meant to pass the gate, e.g. an empty command). */
  succeeds: boolean;
}

const commandNeeds = (type: string): Permission[] => {
  if (!isCommandType(type)) throw new Error(`unknown command ${type}`);
  return [permissionFor(commandDefinitions[type])];
};

function commandCase(type: string, body: ApiCase["body"], succeeds = true): ApiCase {
  return {
    route: "POST /api/commands/[type]",
    label: `POST /api/commands/${type}`,
    path: `/api/commands/${type}`,
    body,
    needs: commandNeeds(type),
    succeeds,
  };
}

export function apiCases(fx: Fixture, { everyCommand }: { everyCommand: boolean }): ApiCase[] {
  const account = `/api/accounts/${fx.accountId}`;
  const get = (route: string, path: string, needs: ApiCase["needs"]): ApiCase => ({
    route: `GET ${route}`,
    label: `GET ${path}`,
    path,
    needs,
    succeeds: true,
  });
  const cases: ApiCase[] = [
    get("/api/accounts/[accountId]", account, ["read"]),
    get("/api/accounts/[accountId]/changes", `${account}/changes?after=0`, ["read"]),
    get("/api/accounts/[accountId]/evidence", `${account}/evidence`, ["export"]),
    get("/api/accounts/[accountId]/export", `${account}/export?format=csv`, ["export"]),
    get("/api/accounts/[accountId]/timeline", `${account}/timeline?limit=5`, ["read"]),
    get("/api/finance/reconciliation/runs/[runId]", `/api/finance/reconciliation/runs/${fx.runId}`, ["verify"]),
    get("/api/finance/reconciliation/runs/[runId]/export", `/api/finance/reconciliation/runs/${fx.runId}/export`, [
      "verify",
      "export",
    ]),
    get("/api/health", "/api/health", "public"),
    get("/api/horizon", "/api/horizon", ["read"]),
    get("/api/integrity/verifications", "/api/integrity/verifications", ["read"]),
    get("/api/integrity/verifications/[id]", `/api/integrity/verifications/${fx.verificationId}`, ["read"]),
    get("/api/metrics", "/api/metrics", ["read"]),
    get("/api/overview", "/api/overview", ["read"]),
    get("/api/projections", "/api/projections", ["read"]),
    get("/api/projections/consistency", "/api/projections/consistency?sample=2", ["verify"]),
    get("/api/projections/console", "/api/projections/console", ["read"]),
    get("/api/reports/conversions", "/api/reports/conversions?format=csv", ["reports", "export"]),
    get("/api/streams/[streamId]", `/api/streams/account-${fx.accountId}`, ["read"]),
    {
      route: "POST /api/finance/reconciliation",
      label: "POST /api/finance/reconciliation",
      path: "/api/finance/reconciliation",
      body: () => ({ period: fx.period }),
      needs: ["verify"],
      succeeds: true,
    },
    {
      route: "POST /api/integrity/verifications",
      label: "POST /api/integrity/verifications",
      path: "/api/integrity/verifications",
      body: () => ({ scope: `account-${fx.accountId}`, reason: "security matrix" }),
      needs: ["operate"],
      succeeds: true,
    },
    {
      // One account's rows rebuilt in place: an operation that records nothing, so it can run for every caller.
      route: "POST /api/projections/[name]/[action]",
      label: "POST /api/projections/all/rebuild",
      path: "/api/projections/all/rebuild",
      body: () => ({ accountId: fx.accountId }),
      needs: ["operate"],
      succeeds: true,
    },
    {
      route: "POST /api/webhooks/billing",
      label: "POST /api/webhooks/billing (unsigned)",
      path: "/api/webhooks/billing",
      body: () => ({
        id: "evt_unsigned",
        type: "payment.succeeded",
        created: Math.floor(Date.now() / 1000),
        data: { invoiceId: fx.invoiceId, amount: 100, currency: "USD", providerRef: "ch_unsigned" },
      }),
      needs: "signature",
      succeeds: false,
    },
    commandCase("RenameAccount", (caller) => ({ accountId: fx.accountId, name: `Security Test Co (${caller})` })),
    commandCase("CaptureLead", () => ({
      name: "Matrix Lead",
      email: "m@lead.test",
      company: "Matrix",
      source: "website",
    })),
    commandCase("IssueCreditNote", () => ({ invoiceId: fx.invoiceId, amount: 100, reason: "Matrix credit" })),
    commandCase("ChangePlanPrice", () => ({
      plan: "starter",
      interval: "monthly",
      unitPrice: 1_234,
      reason: "Matrix price",
    })),
  ];
  if (everyCommand) {
    // Every command type's gate: the role is checked before the data, so an empty body answers 400 past it.
    for (const type of COMMAND_TYPES) {
      if (!commandDefinitions[type].operation) cases.push(commandCase(type, () => ({}), false));
    }
  }
  return cases;
}

/** What the app should make of a caller on this request. */
export function shouldAnswer(c: ApiCase, caller: Caller): Expected {
  if (c.needs === "public") return "allowed";
  if (c.needs === "signature") return "unauthenticated";
  return expected(principalRole(caller, c.route.startsWith("GET ") ? "api-read" : "api-write"), c.needs);
}
