/**
 * What the bad-input test sends: for every route and method in the catalogue,
 * requests in which each part (path, query, headers, body) is hostile about a
 * third of the time and otherwise what a well-behaved client with an allowed
 * token sends; and targeted ones whose only fault is a malformed, oversized or
 * unknown-field body, with a documented answer.
 */
import fc from "fast-check";
import type { Role } from "@/lib/auth/permissions";
import { PROJECTION_ACTIONS } from "@/lib/projections/admin";
import {
  ALL_ROLES,
  BUSINESS_TYPES,
  catalogue,
  type Fixtures,
  OPERATION_TYPES,
  type P,
  type RouteSpec,
} from "./fuzz-catalogue";
import {
  bodyText,
  headerValue,
  malformedJson,
  mutated,
  NASTY_STRINGS,
  nastyValue,
  pathSegment,
  unknownKey,
} from "./fuzz-values";

export type CaseKind = "random" | "malformedJson" | "oversize" | "unknownField";

export interface FuzzCase {
  kind: CaseKind;
  /** "POST /api/commands/[type]" */
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Sent as a stream, without a Content-Length (the server must stop reading at the limit). */
  chunked?: boolean;
  unknownKey?: string;
}

/** Header values the runner fills in: a unique request id, a signature over the final body. */
export const UNIQUE_ID = "<unique>";
export const SIGN = "<sign>";

/**
 * Path parameters by name: real ones ("targeted" cases need a command whose body is parsed, not an
 * operation's refusal), or, when the path is the hostile part, sometimes anything at all.
 */
type PathMode = "targeted" | "real" | "hostile";
function pathParam(fx: Fixtures, name: string, mode: PathMode): fc.Arbitrary<string> {
  const real: Record<string, fc.Arbitrary<string>> = {
    accountId: fc.constantFrom(...fx.accounts),
    type:
      mode === "targeted"
        ? fc.constantFrom(...BUSINESS_TYPES)
        : fc.oneof(
            { weight: 9, arbitrary: fc.constantFrom(...BUSINESS_TYPES) },
            { weight: 1, arbitrary: fc.constantFrom(...OPERATION_TYPES) },
          ),
    runId: fc.oneof(fc.constantFrom(...fx.runIds), fc.uuid()),
    id: fc.oneof(fc.constantFrom(...fx.verificationIds), fc.uuid()),
    name: fc.constantFrom(...fx.projections, "all"),
    action: fc.constantFrom(...PROJECTION_ACTIONS),
    streamId: fc.constantFrom(...fx.streams).map(encodeURIComponent),
  };
  const arb = real[name];
  if (!arb) throw new Error(`bad-input: no values for the path parameter [${name}]; add them to fuzz-requests.ts`);
  return mode !== "hostile" ? arb : fc.oneof({ weight: 1, arbitrary: arb }, { weight: 2, arbitrary: pathSegment() });
}

function pathOf(fx: Fixtures, pattern: string, mode: PathMode): fc.Arbitrary<{ path: string; params: P }> {
  const names = [...pattern.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
  const values = fc.tuple(...names.map((n) => pathParam(fx, n, mode)));
  return values.map((vs) => {
    const params = Object.fromEntries(names.map((n, i) => [n, decodeSafely(vs[i]!)]));
    let path = pattern;
    names.forEach((n, i) => (path = path.replace(`[${n}]`, vs[i]!)));
    return { path, params };
  });
}

const decodeSafely = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const queryValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 100)),
  headerValue(20),
);

/** A query string: the route's own parameters with good values, or (hostile) anything, in any number. */
function queryOf(known: Record<string, fc.Arbitrary<string>>, hostile: boolean): fc.Arbitrary<string> {
  const good = Object.entries(known).map(([k, v]) => fc.tuple(fc.constant(k), v));
  const pairs = hostile
    ? [
        ...Object.entries(known).map(([k, v]) => fc.tuple(fc.constant(k), fc.oneof(v, queryValue))),
        fc.tuple(
          fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom("__proto__", "limit[]")),
          queryValue,
        ),
      ]
    : good;
  if (pairs.length === 0) return fc.constant("");
  const tail = hostile ? fc.constantFrom("", "&%zz=1", "&&=&", "&a", "&from=%E0%A4%A") : fc.constant("");
  return fc.tuple(fc.array(fc.oneof(...pairs), { maxLength: hostile ? 4 : 2 }), tail).map(([list, extra]) => {
    const search = new URLSearchParams();
    for (const [k, v] of list) search.append(k, v);
    const text = `${search.toString()}${extra}`;
    return text ? `?${text}` : "";
  });
}

/** Headers of a well-behaved client with an allowed token, or (hostile) anything a client can send. */
function headersFor(
  fx: Fixtures,
  roles: Role[] | "none",
  method: string,
  hostile: boolean,
): fc.Arbitrary<Record<string, string>> {
  const token = (r: Role) => `Bearer ${fx.tokens[r]}`;
  if (!hostile) {
    const headers: Record<string, string> = { "x-request-id": UNIQUE_ID };
    if (method === "POST") Object.assign(headers, { "content-type": "application/json", "ledgerline-signature": SIGN });
    if (roles === "none") return fc.constant(headers);
    return fc.record({ role: fc.constantFrom(...roles), key: fc.boolean() }).map(({ role, key }) => ({
      ...headers,
      authorization: token(role),
      ...(key && method === "POST" ? { "idempotency-key": UNIQUE_ID } : {}),
    }));
  }
  const badAuth = fc.constantFrom(
    "",
    `Bearer ${fx.tokens.revoked}`,
    "Bearer nope",
    "Basic YTpi",
    "Bearer",
    ...ALL_ROLES.map(token),
  );
  const authorization =
    roles === "none"
      ? fc.oneof({ weight: 5, arbitrary: fc.constant("") }, { weight: 1, arbitrary: badAuth })
      : fc.oneof({ weight: 17, arbitrary: fc.constantFrom(...roles).map(token) }, { weight: 3, arbitrary: badAuth });
  const optional = (arb: fc.Arbitrary<string>, weight: number) =>
    fc.oneof({ weight, arbitrary: fc.constant("") }, { weight: 10 - weight, arbitrary: arb });
  return fc
    .record({
      authorization,
      "idempotency-key": optional(
        fc.oneof(
          fc.integer({ min: 0, max: 7 }).map((n) => `fuzz-key-${n}`),
          headerValue(220),
        ),
        6,
      ),
      "if-match": optional(
        fc.oneof(
          fc.nat(6).map((n) => `"${n}"`),
          headerValue(20),
        ),
        7,
      ),
      "x-request-id": fc.oneof(
        { weight: 6, arbitrary: fc.constant(UNIQUE_ID) },
        { weight: 2, arbitrary: fc.constant("") },
        { weight: 2, arbitrary: headerValue(120) },
      ),
      "content-type": method === "POST" ? optional(headerValue(40), 9) : fc.constant(""),
      "ledgerline-signature": fc.oneof(
        { weight: 8, arbitrary: fc.constant(SIGN) },
        { weight: 2, arbitrary: fc.oneof(fc.constant(""), headerValue(80), fc.constant("t=1,v1=00")) },
      ),
    })
    .map((h) => {
      const headers = Object.fromEntries(Object.entries(h).filter(([, v]) => v !== ""));
      if (method === "POST" && headers["content-type"] === undefined) headers["content-type"] = "application/json";
      return headers;
    });
}

/** One request of any kind to one route and method. */
export function fuzzCase(fx: Fixtures, route: string, spec: RouteSpec): fc.Arbitrary<FuzzCase> {
  const [method, pattern] = route.split(" ") as [string, string];
  const roles = (params: P) => (typeof spec.roles === "function" ? spec.roles(params) : spec.roles);
  const kinds: CaseKind[] = spec.body
    ? ["malformedJson", "oversize", ...(spec.strict ? (["unknownField"] as const) : [])]
    : [];
  // Each part (path, query, headers, body) is hostile in about a third of the requests, so that many get
  // past the others' checks to the part under attack, and some are entirely valid (and reach the domain).
  const hostility = fc.record({
    path: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
    query: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
    headers: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
    body: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
  });
  const random = hostility.chain((hostile) =>
    fc
      .tuple(pathOf(fx, pattern, hostile.path ? "hostile" : "real"), queryOf(spec.query ?? {}, hostile.query))
      .chain(([{ path, params }, query]) =>
        fc
          .record({
            headers: headersFor(fx, roles(params), method, hostile.headers),
            body: !spec.body
              ? fc.constant(undefined)
              : hostile.body
                ? bodyText(
                    fc.oneof(
                      { weight: 4, arbitrary: mutated(spec.body(params)) },
                      { weight: 1, arbitrary: nastyValue() },
                    ),
                  )
                : spec.body(params).map((v) => JSON.stringify(v)),
          })
          .map(({ headers, body }): FuzzCase => ({
            kind: "random",
            route,
            method,
            path: `${path}${query}`,
            headers,
            body,
          })),
      ),
  );
  if (kinds.length === 0) return random;
  const targeted = fc
    .tuple(fc.constantFrom(...kinds), pathOf(fx, pattern, "targeted"))
    .chain(([kind, { path, params }]) => {
      const valid = spec.body!(params);
      const body: fc.Arbitrary<{ body: string; chunked?: boolean; unknownKey?: string }> =
        kind === "malformedJson"
          ? malformedJson().map((b) => ({ body: b }))
          : kind === "oversize"
            ? fc
                .record({ size: fc.integer({ min: 64 * 1024 + 1, max: 200 * 1024 }), chunked: fc.boolean(), v: valid })
                .map(({ size, chunked, v }) => ({
                  body: JSON.stringify({ ...(v as object), padding: "x".repeat(size) }),
                  chunked,
                }))
            : fc.tuple(valid, unknownKey(), nastyValue()).map(([v, key, value]) => ({
                body: JSON.stringify({ ...(v as object), [key]: value }),
                unknownKey: key,
              }));
      const allowed = roles(params);
      const headers: Record<string, string> = { "content-type": "application/json", "x-request-id": UNIQUE_ID };
      if (allowed === "none") headers["ledgerline-signature"] = SIGN;
      else headers.authorization = `Bearer ${fx.tokens[allowed.includes("admin") ? "admin" : allowed[0]!]}`;
      return body.map((b): FuzzCase => ({ kind, route, method, path, headers, ...b }));
    });
  return fc.oneof({ weight: 7, arbitrary: random }, { weight: 3, arbitrary: targeted });
}

/** Requests over every route, heavier on the ones that write. */
export function fuzzRequests(fx: Fixtures): fc.Arbitrary<FuzzCase> {
  return fc.oneof(
    ...Object.entries(catalogue(fx)).map(([route, spec]) => ({
      weight: spec.weight ?? 1,
      arbitrary: fuzzCase(fx, route, spec),
    })),
  );
}
