import type { ValidationIssue } from "@/lib/event-store/errors";

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why PostgreSQL cannot store this text, or null: a NUL character (text and
 * jsonb refuse U+0000) or a lone UTF-16 surrogate (no UTF-8 for it; jsonb
 * refuses its escape). Caught at the door, it is the caller's 400, not our 500.
 */
export function unstorable(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character (U+0000), which cannot be stored";
  if (LONE_SURROGATE.test(text)) return "contains a lone UTF-16 surrogate (not valid Unicode), which cannot be stored";
  return null;
}

/** The first string or key in a parsed JSON value that cannot be stored, with its path (e.g. body.lines.0.description). */
export function findUnstorable(value: unknown, path: string): ValidationIssue | null {
  // A stack, not recursion: a 64 KiB body can nest thousands of levels deep.
  const stack: [unknown, string][] = [[value, path]];
  // A server action's arguments can refer to themselves ("$0" in React's reply format): visit each object once.
  const seen = new WeakSet<object>();
  while (stack.length > 0) {
    const [current, at] = stack.pop()!;
    if (typeof current === "object" && current !== null) {
      if (seen.has(current)) continue;
      seen.add(current);
    }
    if (typeof current === "string") {
      const why = unstorable(current);
      if (why) return { path: at, message: why };
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push([item, `${at}.${i}`]));
    } else if (typeof current === "object" && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const why = unstorable(key);
        if (why) return { path: `${at}.${key}`, message: `its name ${why}` };
        stack.push([item, `${at}.${key}`]);
      }
    }
  }
  return null;
}

/** The first path segment or query parameter of a URL that cannot be stored (%00, an escaped lone surrogate). */
export function findUnstorableInUrl(url: URL): ValidationIssue | null {
  for (const segment of url.pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      continue; // not ours to judge: a malformed escape never reaches a route
    }
    const why = unstorable(decoded);
    if (why) return { path: "path", message: `${JSON.stringify(segment)} ${why}` };
  }
  for (const [name, value] of url.searchParams) {
    const why = unstorable(name) ?? unstorable(value);
    if (why) return { path: `query.${name}`, message: why };
  }
  return null;
}

/** An address (path or query) with an escaped NUL (%00): no page shows anything one could name. */
export const hasEscapedNul = (address: string): boolean => /%00/i.test(address);
