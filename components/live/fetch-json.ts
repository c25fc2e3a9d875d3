/** GET a same-origin JSON endpoint with the session cookie; a failed answer is an error the query shows. */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** How often the live parts ask (ms). The pages stop asking while their tab is hidden. */
export const LIVE_INTERVAL_MS = 3000;
