/**
 * A server action posted as the browser posts it (React's fetch: the action's
 * id in Next-Action, its arguments as the JSON body, from the page that holds
 * it), and its answer read from the RSC stream: row 0 names the row that
 * holds the action's result (next-safe-action's { data | serverError |
 * validationErrors }), or an error row when Next refused to run it.
 */
export interface ActionAnswer {
  status: number;
  text: string;
  /** The action's own result; null when it did not run (an error row, or no result). */
  result: { data?: unknown; serverError?: { code: string; message: string }; validationErrors?: unknown } | null;
}

export function actionResult(flight: string): ActionAnswer["result"] {
  const rows = new Map<string, string>();
  for (const line of flight.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  try {
    const ref = (JSON.parse(rows.get("0") ?? "null") as { a?: string } | null)?.a;
    const row = ref?.startsWith("$@") ? rows.get(ref.slice(2)) : undefined;
    if (!row || row.startsWith("E")) return null;
    return JSON.parse(row) as ActionAnswer["result"];
  } catch {
    return null;
  }
}

export async function postAction(
  baseUrl: string,
  page: string,
  actionId: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<ActionAnswer> {
  return postActionBody(baseUrl, page, actionId, JSON.stringify([input]), headers);
}

/** The same post with a body of any kind (headers given win, a content type included); waits 30 s at most. */
export async function postActionBody(
  baseUrl: string,
  page: string,
  actionId: string,
  body: BodyInit,
  headers: Record<string, string> = {},
): Promise<ActionAnswer> {
  const response = await fetch(`${baseUrl}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "next-action": actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: baseUrl,
      ...headers,
    },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, text, result: actionResult(text) };
}

/** What the app made of the caller: refused before the action looked at its input, or let through. */
export function gateOf(answer: ActionAnswer): "unauthenticated" | "forbidden" | "allowed" | "not run" {
  const code = answer.result?.serverError?.code;
  if (code === "UNAUTHORIZED") return "unauthenticated";
  if (code === "FORBIDDEN") return "forbidden";
  return answer.result ? "allowed" : "not run";
}
