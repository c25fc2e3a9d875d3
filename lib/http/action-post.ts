/**
 * The posts to a page that Next's server-action handler would answer with a
 * 500 (it decodes the body before any action runs, and any decoding error is
 * a 500 there), refused first with a 4xx: a body over the action limit, a
 * multipart body that does not parse, and for a fetch-posted action (the
 * Next-Action header) arguments that are not React's reply of plain values:
 * a part that is not JSON or not a list, nesting past 64, a reference to a
 * part the post lacks or to a kind of value our actions never take (a
 * server function, a stream, a typed array, a file).
 */
import { readAtMost } from "./bounded-body";

/** Next's default serverActions.bodySizeLimit (next.config.ts keeps it). */
export const ACTION_BODY_LIMIT = 1024 * 1024;
/** Far beyond any form of ours; React's decoder recurses and overflows the stack at a few thousand. */
const MAX_DEPTH = 64;

export interface Refusal {
  status: 400 | 413;
  message: string;
}

export const TOO_LARGE: Refusal = {
  status: 413,
  message: `The form is larger than ${ACTION_BODY_LIMIT / 1024 / 1024} MB.`,
};

// React's reply encodings of plain values: "$$…" (a string starting with "$"), undefined, Infinity, -0 or
// -Infinity, NaN, a Date, a BigInt of up to 300 digits; a FormData's fields (a missing one is an empty form).
const PLAIN_VALUE = /^\$(?:[$IuDN-]|n-?\d{1,300}$|K[0-9a-f]+$)/;
// A reference to another part, by hex id: a value, a promise of one, a Map, a Set.
const PART_REFERENCE = /^\$[@QW]?([0-9a-f]+)$/;

/**
 * A request's body, but no more than `limit` bytes of it (and one more, so an oversized body shows as such): the
 * proxy must not hold a body of any size in memory to learn that it is too large.
 */
export async function readUpTo(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const { chunks, over } = await readAtMost(reader, limit);
  // Not awaited: a clone's branch of a tee'd body settles its cancel only when the other branch cancels too.
  if (over) reader.cancel().catch(() => undefined);
  return new Uint8Array(Buffer.concat(chunks));
}

export async function refuseActionPost(post: {
  contentType: string | null;
  fetchAction: boolean;
  body: Uint8Array;
}): Promise<Refusal | null> {
  if (post.body.byteLength > ACTION_BODY_LIMIT) return TOO_LARGE;
  const contentType = post.contentType ?? "";
  let parts: Map<string, FormDataEntryValue>;
  if (contentType.startsWith("multipart/form-data")) {
    try {
      const form = await new Response(post.body as BodyInit, { headers: { "content-type": contentType } }).formData();
      parts = new Map(form.entries());
    } catch {
      return { status: 400, message: "The form's multipart body cannot be read." };
    }
  } else {
    parts = new Map([["0", new TextDecoder().decode(post.body)]]);
  }
  return post.fetchAction ? argumentsProblem(parts) : null;
}

/** Walks the arguments (part "0") and every part they refer to, with a stack (a 1 MB body nests deep). */
function argumentsProblem(parts: Map<string, FormDataEntryValue>): Refusal | null {
  const refuse = (message: string): Refusal => ({ status: 400, message: `The action's arguments ${message}.` });
  const parsed = new Set<string>();
  const pending = ["0"];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (parsed.has(id)) continue;
    parsed.add(id);
    const part = parts.get(id);
    if (typeof part !== "string") return refuse(id === "0" ? "are missing" : "refer to a part the post lacks");
    let value: unknown;
    try {
      value = JSON.parse(part);
    } catch {
      return refuse("are not JSON");
    }
    if (id === "0" && !Array.isArray(value)) return refuse("are not a list");
    const stack: [unknown, number][] = [[value, 1]];
    while (stack.length > 0) {
      const [item, depth] = stack.pop()!;
      if (typeof item === "string" && item.startsWith("$") && !PLAIN_VALUE.test(item)) {
        const ref = PART_REFERENCE.exec(item)?.[1];
        if (ref === undefined) return refuse("hold a kind of value no action here takes");
        const refId = String(parseInt(ref, 16));
        if (refId === "0" || !parts.has(refId)) return refuse("refer to a part the post lacks");
        pending.push(refId);
      } else if (typeof item === "object" && item !== null) {
        if (depth > MAX_DEPTH) return refuse(`nest deeper than ${MAX_DEPTH}`);
        for (const child of Object.values(item)) stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}
