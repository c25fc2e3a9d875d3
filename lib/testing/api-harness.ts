import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/permissions";
import { billingWebhookEndpoint } from "@/lib/api/billing-webhook-endpoint";
import { commandsEndpoint } from "@/lib/api/commands-endpoint";
import type { ApiDeps } from "@/lib/api/deps";
import { evidenceEndpoint } from "@/lib/api/evidence-endpoint";
import { accountChangesEndpoint } from "@/lib/api/live-endpoints";
import { exportEndpoint } from "@/lib/api/export-endpoint";
import { streamsEndpoint } from "@/lib/api/streams-endpoint";
import { timelineEndpoint } from "@/lib/api/timeline-endpoint";
import { applyLog } from "@/lib/projections/testing/apply-log";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { accountTimelineProjection } from "@/lib/timeline/read-model/projection";
import { createTestDatabase, type TestDatabase } from "./databases";

export const TOKENS: Record<Role, string> = {
  support: "t-support",
  finance: "t-finance",
  admin: "t-admin",
  service: "t-service",
};

/** Another admin, for what one admin may not do alone (four eyes). */
export const SECOND_ADMIN = { token: "t-admin-2", principalId: "second-admin" };

export interface ApiCall {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * The HTTP API over a fresh database, called in-process with real Request
 * objects (the route files only bind these endpoints to the process runtime).
 */
export async function createApiHarness(options: { env?: Record<string, string | undefined>; now?: () => Date } = {}) {
  const t: TestDatabase = await createTestDatabase();
  const runtime: Runtime = createRuntime(t.db);
  for (const role of Object.keys(TOKENS) as Role[]) {
    await createApiToken(t.db, {
      name: `${role} test token`,
      role,
      principalType: role === "service" ? "service" : "user",
      principalId: role === "service" ? "crm-sync" : `${role}-user`,
      token: TOKENS[role],
    });
  }
  await createApiToken(t.db, {
    name: "second admin test token",
    role: "admin",
    principalType: "user",
    principalId: SECOND_ADMIN.principalId,
    token: SECOND_ADMIN.token,
  });
  const deps: ApiDeps = {
    runtime: async () => runtime,
    env: options.env ?? { LEDGERLINE_DEMO: "1" },
    now: options.now,
  };
  const endpoints = {
    command: commandsEndpoint(deps),
    stream: streamsEndpoint(deps),
    webhook: billingWebhookEndpoint(deps),
    timeline: timelineEndpoint(deps),
    export: exportEndpoint(deps),
    evidence: evidenceEndpoint(deps),
    changes: accountChangesEndpoint(deps),
  };

  function request(method: string, path: string, call: ApiCall): Request {
    const headers = new Headers(call.headers);
    const token = call.token === undefined ? TOKENS.admin : call.token;
    if (token) headers.set("authorization", `Bearer ${token}`);
    const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
    if (body !== undefined) headers.set("content-type", "application/json");
    return new Request(`http://ledgerline.test${path}`, { method, headers, body });
  }

  /** `body` is the parsed JSON (null for other content, e.g. a CSV export: read `text`). */
  async function send(response: Promise<Response>) {
    const res = await response;
    const text = await res.text();
    const json = text !== "" && (res.headers.get("content-type") ?? "").startsWith("application/json");
    return { status: res.status, headers: res.headers, body: json ? JSON.parse(text) : null, text };
  }

  return {
    runtime,
    db: t.db,
    url: t.url,
    drop: t.drop,
    /** Brings the timeline read model up to the log (the harness runs no projector). */
    project: () => applyLog(runtime, accountTimelineProjection),
    /** POST /api/commands/<type> */
    command: (type: string, call: ApiCall = {}) =>
      send(endpoints.command(request("POST", `/api/commands/${type}`, call), { params: Promise.resolve({ type }) })),
    /** GET /api/streams/<id>?at= */
    stream: (streamId: string, at?: string, call: ApiCall = {}) =>
      send(
        endpoints.stream(
          request(
            "GET",
            `/api/streams/${encodeURIComponent(streamId)}${at === undefined ? "" : `?at=${encodeURIComponent(at)}`}`,
            call,
          ),
          { params: Promise.resolve({ streamId }) },
        ),
      ),
    /** GET /api/accounts/<id>/timeline?<query> */
    timeline: (accountId: string, query = "", call: ApiCall = {}) =>
      send(
        endpoints.timeline(request("GET", `/api/accounts/${accountId}/timeline${query ? `?${query}` : ""}`, call), {
          params: Promise.resolve({ accountId }),
        }),
      ),
    /** GET /api/accounts/<id>/export?<query> (`text` is the file; `body` the parsed JSON for format=json) */
    export: (accountId: string, query = "", call: ApiCall = {}) =>
      send(
        endpoints.export(request("GET", `/api/accounts/${accountId}/export${query ? `?${query}` : ""}`, call), {
          params: Promise.resolve({ accountId }),
        }),
      ),
    /** GET /api/accounts/<id>/evidence?<query> (the body streams; `text` is all of it) */
    evidence: (accountId: string, query = "", call: ApiCall = {}) =>
      send(
        endpoints.evidence(request("GET", `/api/accounts/${accountId}/evidence${query ? `?${query}` : ""}`, call), {
          params: Promise.resolve({ accountId }),
        }),
      ),
    /** GET /api/accounts/<id>/changes?<query> (the account page's live check) */
    changes: (accountId: string, query = "", call: ApiCall = {}) =>
      send(
        endpoints.changes(request("GET", `/api/accounts/${accountId}/changes${query ? `?${query}` : ""}`, call), {
          params: Promise.resolve({ accountId }),
        }),
      ),
    /** POST /api/webhooks/billing */
    webhook: (call: ApiCall) =>
      send(endpoints.webhook(request("POST", "/api/webhooks/billing", { token: null, ...call }))),
  };
}

export type ApiHarness = Awaited<ReturnType<typeof createApiHarness>>;
