import { type NextRequest, NextResponse } from "next/server";
import { hasEscapedNul } from "@/lib/http/nul";

/** The header that carries a page request's own address (path and query) to the server components. */
export const ADDRESS_HEADER = "x-ledgerline-address";

/**
 * Passes each page request's address on, so a layout can send a signed-out
 * visitor to sign in and back to exactly this view (layouts are not given the
 * URL). No authorization here: pages and layouts check the role themselves.
 */
export function proxy(request: NextRequest) {
  // A malformed %-escape names nothing: answer 404 here rather than let routing fail with a 500.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse("Not found: this address has a malformed %-escape.", { status: 404 });
  }
  // No page shows anything a NUL could name (the database cannot even compare with one): a 400, not a 500.
  if (hasEscapedNul(request.nextUrl.pathname + request.nextUrl.search)) {
    return new NextResponse("Bad request: this address has a NUL character (%00).", { status: 400 });
  }
  const headers = new Headers(request.headers);
  headers.set(ADDRESS_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!api/|_next/|favicon.ico).*)"] };
