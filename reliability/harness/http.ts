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

export interface RawReply extends Reply {
  text: string;
}

/** Any request, body sent as given (malformed or oversized bodies included); the body parsed when it is JSON. */
export async function send(
  baseUrl: string,
  {
    method,
    path,
    headers = {},
    body,
  }: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawReply> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { unparsed: text.slice(0, 500) };
  }
  return { status: response.status, body: parsed, headers: response.headers, text };
}
