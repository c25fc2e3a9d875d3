/**
 * HTTP calls that cannot hang the suite: each waits at most `timeoutMs` and
 * says what happened (an answer, no answer in time, or a broken connection),
 * so a test can count a hang instead of stalling on it.
 */
import { type Reply, readReply } from "./http";

export type Outcome = { kind: "reply"; reply: Reply } | { kind: "hung" } | { kind: "network"; error: string };

export interface Call {
  method?: "GET" | "POST";
  path: string;
  token: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export async function call(
  baseUrl: string,
  { method = "GET", path, token, body, headers = {}, timeoutMs = 30_000 }: Call,
) {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { kind: "reply", reply: await readReply(response) } as Outcome;
  } catch (error) {
    if ((error as Error).name === "TimeoutError") return { kind: "hung" } as Outcome;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: "network", error: cause?.code ?? cause?.message ?? (error as Error).message } as Outcome;
  }
}

/** A command as another service sends it: a key and a request id of its own, the same on every try. */
export function commandCall(type: string, data: unknown, requestId: string, token: string, timeoutMs?: number): Call {
  return {
    method: "POST",
    path: `/api/commands/${type}`,
    token,
    body: data,
    headers: { "idempotency-key": requestId, "x-request-id": requestId },
    timeoutMs,
  };
}
