/** Calls to a running app's HTTP API, as another service would make them. */
export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export async function command(
  baseUrl: string,
  token: string,
  type: string,
  data: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(`${baseUrl}/api/commands/${type}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(data),
  });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { unparsed: text.slice(0, 500) };
  }
  return { status: response.status, body, headers: response.headers };
}

/** Throws with the reply when it is not the status expected. */
export function expectStatus(reply: Reply, status: number, what: string): Reply {
  if (reply.status !== status)
    throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}
