/**
 * Where to go after signing in: only a path on this site, never another host
 * (no open redirect). Browsers drop tabs and line breaks from a Location and
 * read `\` as `/`, so "/\t/evil.example" would leave the site: a control
 * character refuses the path, and what remains must resolve to this origin.
 */
export function safeReturnPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f]/.test(next)) return "/";
  const base = "http://return-path.invalid";
  return new URL(next, base).origin === base ? next : "/";
}

/** A page's own address with its query string, to come back to exactly this view after signing in. */
export function pageAddress(pathname: string, params: Record<string, string | string[] | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, one);
  }
  const text = query.toString();
  return text ? `${pathname}?${text}` : pathname;
}
