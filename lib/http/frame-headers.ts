/**
 * No page of ours may be shown inside another site's frame: a page that frames
 * an admin's session under its own content could have them click "Confirm and
 * append" or "Approve" without seeing it (clickjacking). Sent with every
 * answer (next.config.ts); the CSP directive for today's browsers, the older
 * header for the rest.
 */
export const FRAME_HEADERS = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
] as const;
