/**
 * Which errors mean "the database cannot serve this right now" rather than
 * "this request is wrong" or "our code is wrong": the server is down,
 * restarting or refusing connections ("unavailable"), or it did not answer in
 * time: a statement or lock timeout, no pooled connection free within the
 * pool's wait ("timeout"). The API answers both with 503 and Retry-After.
 * They reach us from the pg driver directly and wrapped by Prisma's adapter.
 */
export type DatabaseFailure = "unavailable" | "timeout";

// Socket errors of Node's net module: nothing answered on the other end.
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

// SQLSTATEs: admin_shutdown, crash_shutdown, cannot_connect_now (starting up, shutting down), too_many_connections.
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
// query_canceled (statement_timeout), lock_not_available (lock_timeout), idle_in_transaction_session_timeout.
const TIMEOUT_SQLSTATES = new Set(["57014", "55P03", "25P03"]);

// Prisma's codes: can't reach the server, timed out reaching it, the server closed the connection.
const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1017"]);
// Operations timed out, no pool connection in time, a transaction not started (or expired) in time.
const TIMEOUT_PRISMA = new Set(["P1008", "P2024", "P2028"]);

// Prisma's adapter names a socket error's kind instead of its code.
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "TooManyConnections"]);
const TIMEOUT_KINDS = new Set(["SocketTimeout"]);

// The pg driver's own errors carry no code, only these messages.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // the socket closed mid-query (a crash, an immediate shutdown) or while connecting
  /is not queryable$/, // a client whose connection already broke
];
const TIMEOUT_MESSAGES = [/^timeout exceeded when trying to connect$/]; // pg-pool: no free connection in time

type Fields = { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown };

function classify(error: Fields): DatabaseFailure | null {
  const codes = [error.code, error.originalCode].filter((c): c is string => typeof c === "string");
  for (const code of codes) {
    if (SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_PRISMA.has(code)) return "unavailable";
    if (code.startsWith("08")) return "unavailable"; // class 08: connection exception
    if (TIMEOUT_SQLSTATES.has(code) || TIMEOUT_PRISMA.has(code)) return "timeout";
  }
  if (typeof error.kind === "string") {
    if (UNAVAILABLE_KINDS.has(error.kind)) return "unavailable";
    if (TIMEOUT_KINDS.has(error.kind)) return "timeout";
  }
  if (codes.length === 0 && typeof error.message === "string") {
    if (UNAVAILABLE_MESSAGES.some((m) => m.test(error.message as string))) return "unavailable";
    if (TIMEOUT_MESSAGES.some((m) => m.test(error.message as string))) return "timeout";
  }
  return null;
}

/** The failure an error stands for, looking through Prisma's wrapping and `cause` chains; null for any other error. */
export function databaseFailureOf(error: unknown): DatabaseFailure | null {
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length > 0) {
    const next = queue.shift();
    if (typeof next !== "object" || next === null || seen.has(next)) continue;
    seen.add(next);
    const fields = next as Fields & { meta?: { driverAdapterError?: unknown } };
    const failure = classify(fields);
    if (failure) return failure;
    queue.push(fields.meta?.driverAdapterError, fields.cause);
  }
  return null;
}
