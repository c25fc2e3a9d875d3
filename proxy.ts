import { type NextRequest, NextResponse } from "next/server";
import { ACTION_BODY_LIMIT, readUpTo, refuseActionPost, TOO_LARGE } from "@/lib/http/action-post";
import { hasEscapedNul } from "@/lib/http/storable-text";

/** The header that carries a page request's own address (path and query) to the server components. */
export const ADDRESS_HEADER = "x-ledgerline-address";

/**
 * Passes each page request's address on, so a layout can send a signed-out
 * visitor to sign in and back to exactly this view (layouts are not given the
 * URL). No authorization here: pages and layouts check the role themselves.
 */
export async function proxy(request: NextRequest) {
  const api = request.nextUrl.pathname.startsWith("/api/");
  // A malformed %-escape names nothing: answer 404 here rather than let routing fail with a 500.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    if (!api) return new NextResponse("Not found: this address has a malformed %-escape.", { status: 404 });
    // The API's own error shape (docs/api.md), with a request id like every other answer.
    const message = "Not found: this address has a malformed %-escape.";
    const requestId = crypto.randomUUID();
    return NextResponse.json({ error: "NOT_FOUND", message }, { status: 404, headers: { "x-request-id": requestId } });
  }
  if (api) return NextResponse.next();
  // No page shows anything a NUL could name (the database cannot even compare with one): a 400, not a 500.
  if (hasEscapedNul(request.nextUrl.pathname + request.nextUrl.search)) {
    return new NextResponse("Bad request: this address has a NUL character (%00).", { status: 400 });
  }
  const refusal = await refuseServerActionPost(request);
  if (refusal) return new NextResponse(`Bad request: ${refusal.message}`, { status: refusal.status });
  const headers = new Headers(request.headers);
  headers.set(ADDRESS_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

/** A post Next would take for a server action, refused when its body would make Next answer 500. */
async function refuseServerActionPost(request: NextRequest) {
  if (request.method !== "POST") return null;
  const contentType = request.headers.get("content-type");
  const fetchAction = request.headers.has("next-action");
  if (!fetchAction && !contentType?.startsWith("multipart/form-data")) return null;
  if (Number(request.headers.get("content-length") ?? "0") > ACTION_BODY_LIMIT) return TOO_LARGE;
  // The proxy reads a copy (the page's action handler still reads the body itself), and no more than the limit.
  const body = await readUpTo(request.clone(), ACTION_BODY_LIMIT);
  return refuseActionPost({ contentType, fetchAction, body });
}

// API paths come here only when they hold a %-escape, to be checked: any other API request (and its body,
// which the proxy would buffer) goes straight to its route.
export const config = { matcher: ["/((?!api/|_next/|favicon.ico).*)", "/api/(.*%.*)"] };
