/** Debian's Chromium through Playwright, launched as playwright.config.ts launches it for the e2e specs. */
import { type Browser, chromium, type Page } from "playwright";
import { CHROMIUM_ARGS, chromiumPath } from "../../e2e/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
  });
}

/** Signs in with a token on the sign-in page, as a person would; resolves with the page it lands on. */
export async function signInWithToken(page: Page, baseUrl: string, token: string, next = "/"): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Access token").fill(token);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}
