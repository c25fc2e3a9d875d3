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
  return readReply(response);
}

/** A response as the tests look at it: its JSON body, or the start of a body that is not JSON. */
export async function readReply(response: Response): Promise<Reply> {
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

/**
 * Any request, body sent as given (malformed or oversized bodies included); `chunked` streams it in 16 KiB
 * chunks without a Content-Length, so the server has to count while it reads. The body parsed when it is JSON.
 */
export async function send(
  baseUrl: string,
  {
    method,
    path,
    headers = {},
    body,
    chunked = false,
  }: { method: string; path: string; headers?: Record<string, string>; body?: string; chunked?: boolean },
): Promise<RawReply> {
  const init: RequestInit & { duplex?: "half" } = { method, headers, body };
  if (chunked && body !== undefined) {
    const bytes = new TextEncoder().encode(body);
    init.body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 16 * 1024) controller.enqueue(bytes.slice(at, at + 16 * 1024));
        controller.close();
      },
    });
    init.duplex = "half";
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { unparsed: text.slice(0, 500) };
  }
  return { status: response.status, body: parsed, headers: response.headers, text };
}
