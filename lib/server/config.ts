/**
 * Demo mode seeds example accounts and the well-known demo API tokens. It is
 * on by default only for the embedded database (trying the app); a server
 * database gets it only when LEDGERLINE_DEMO=1 says so.
 */
export function isDemoMode(env: Record<string, string | undefined> = process.env): boolean {
  const flag = env.LEDGERLINE_DEMO?.trim().toLowerCase();
  if (flag === "1" || flag === "true") return true;
  if (flag === "0" || flag === "false") return false;
  return !env.DATABASE_URL?.trim();
}
