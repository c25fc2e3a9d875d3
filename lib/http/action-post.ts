/**
 * The posts to a page that Next's server-action handler would answer with a
 * 500 (it decodes the body before any action runs, and any decoding error is
 * a 500 there), refused first with a 4xx: a body over the action limit, a
 * multipart body that does not parse, and for a fetch-posted action (the
 * Next-Action header) a body that is not React's plain-JSON reply of
 * arguments. Our actions take plain values: a reference to another part of
 * the post (a Map, a FormData, a promise, a server function, "$0" itself),
 * which a plain-JSON post cannot hold, is refused too.
 */

/** Next's default serverActions.bodySizeLimit (next.config.ts keeps it). */
export const ACTION_BODY_LIMIT = 1024 * 1024;
/** Far beyond any form of ours; React's decoder recurses and overflows the stack at a few thousand. */
const MAX_DEPTH = 64;

export interface Refusal {
  status: 400 | 413 | 415;
  message: string;
}

// React's reply encodings of plain values: "$$…" (a string starting with "$"), undefined, Infinity, -0 or
// -Infinity, NaN, a Date, a BigInt of up to 300 digits. Any other "$" string refers to another part.
const PLAIN_VALUE = /^\$(?:[$IuDN-]|n-?\d{1,300}$)/;

export async function refuseActionPost(post: {
  contentType: string | null;
  fetchAction: boolean;
  body: Uint8Array;
}): Promise<Refusal | null> {
  if (post.body.byteLength > ACTION_BODY_LIMIT) {
    return { status: 413, message: `The form is larger than ${ACTION_BODY_LIMIT / 1024 / 1024} MB.` };
  }
  const contentType = post.contentType ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    if (post.fetchAction) return { status: 415, message: "Server actions here take their arguments as JSON." };
    try {
      await new Response(post.body as BodyInit, { headers: { "content-type": contentType } }).formData();
      return null;
    } catch {
      return { status: 400, message: "The form's multipart body cannot be read." };
    }
  }
  if (!post.fetchAction) return null;
  let args: unknown;
  try {
    args = JSON.parse(new TextDecoder().decode(post.body));
  } catch {
    return { status: 400, message: "The action's arguments are not JSON." };
  }
  if (!Array.isArray(args)) return { status: 400, message: "The action's arguments are not a list." };
  return plainProblem(args);
}

/** Too deep, or a "$" string that is no plain value; walked with a stack (a 1 MB body nests deep). */
function plainProblem(args: unknown[]): Refusal | null {
  const stack: [unknown, number][] = [[args, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value === "string") {
      if (value.startsWith("$") && !PLAIN_VALUE.test(value)) {
        return { status: 400, message: `The action's arguments refer to a part the post does not have.` };
      }
    } else if (typeof value === "object" && value !== null) {
      if (depth > MAX_DEPTH) return { status: 400, message: `The action's arguments nest deeper than ${MAX_DEPTH}.` };
      for (const item of Object.values(value)) stack.push([item, depth + 1]);
    }
  }
  return null;
}
