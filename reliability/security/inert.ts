/**
 * What a page must look like when hostile text is rendered inert: no script
 * ran (no dialog, no window.__pwned), no element the text could have made
 * (inline handlers, an image from "x", a frame, a script of ours), and the
 * text itself visible as text.
 */
import type { Page } from "playwright";
import { PAYLOADS } from "./hostile";

export interface Visit {
  path: string;
  /** Texts the page shows, exactly as written. */
  shows: string[];
}

export interface Found {
  pwned: string | null;
  handlers: number;
  images: number;
  frames: number;
  scripts: number;
  missing: string[];
}

export async function inspect(page: Page, shows: string[]): Promise<Found> {
  return page.evaluate((shows) => {
    const text = document.body.innerText;
    return {
      pwned: ((window as unknown as { __pwned?: string }).__pwned ?? null) as string | null,
      handlers: document.querySelectorAll("[onerror],[onload],[onclick],[onmouseover],[onfocus]").length,
      images: document.querySelectorAll('img[src="x"]').length,
      frames: document.querySelectorAll("iframe").length,
      // Next's own inline scripts carry the page's data (payloads included) as JSON strings.
      scripts: [...document.scripts].filter(
        (s) => s.textContent?.includes("__pwned") && !s.textContent.includes("self.__next_f"),
      ).length,
      missing: shows.filter((s) => !text.includes(s)),
    };
  }, shows);
}

/**
 * Until every streamed part of the page is in place (React keeps a pending
 * Suspense boundary as <template id="B:n"> and its content in a hidden
 * <div id="S:n"> until it reveals it, which may be after "load") and React
 * has hydrated it (its fiber on the elements it adopted): client components
 * have run.
 */
export async function settledPage(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const pending = document.querySelector('template[id^="B:"], div[hidden][id^="S:"]');
    const header = document.querySelector('[data-testid="signed-in-as"]');
    return !pending && header !== null && Object.keys(header).some((key) => key.startsWith("__reactFiber$"));
  });
}

export const q = encodeURIComponent;

export function visits(h: {
  accountId: string;
  invoiceId: string;
  leadId: string;
  position: number;
  deliveryId: string;
  accountName: string;
  leadName: string;
  personName: string;
  operatorId: string;
}): Visit[] {
  const p = PAYLOADS;
  const account = `/accounts/${h.accountId}`;
  return [
    { path: account, shows: [h.accountName, h.personName, p.quoteBreak] },
    {
      path: `${account}?actor=${q(p.alert)}&appVersion=${q(p.script)}&correlationId=${q(p.svg)}`,
      shows: [p.alert, p.script, p.svg],
    },
    { path: `${account}?actor=${q(`svc-${p.alert}`)}`, shows: [h.accountName] },
    { path: `${account}/events/${h.position}`, shows: [`Evil ${p.img} & Co`] },
    { path: `${account}/report`, shows: [h.accountName] },
    { path: `${account}/compare?from=1`, shows: [h.accountName] },
    { path: `/streams/account-${h.accountId}`, shows: [h.accountName] },
    { path: `/search?q=${q(p.img)}`, shows: [] },
    { path: `/search?q=Evil`, shows: [h.accountName] },
    { path: `/accounts?q=${q(p.svg)}`, shows: [] },
    { path: "/leads", shows: [p.svg] },
    { path: `/leads/${h.leadId}`, shows: [h.leadName, p.svg, p.img, p.frame] },
    { path: `/invoices/${h.invoiceId}`, shows: [p.frame] },
    { path: `/correlations/${q(`delivery:${h.deliveryId}`)}`, shows: [`delivery:${h.deliveryId}`] },
    { path: "/approvals", shows: [`Big ${p.svg}`] },
    { path: "/projections", shows: [h.operatorId] },
    { path: `/finance/reconciliation?period=${q(p.script)}&asOf=${q(p.img)}`, shows: [] },
    { path: `/reports/conversions?plan=${q(p.svg)}&from=${q(p.alert)}`, shows: [] },
  ];
}
