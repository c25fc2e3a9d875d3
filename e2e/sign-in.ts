import { type Browser, expect, type Page } from "@playwright/test";

export type DemoPerson = "Sam (support)" | "Fiona (finance)" | "Dana (admin)" | "Priya (admin)";

/** Signs in through the sign-in page's demo buttons, as a newcomer would. */
export async function signInAs(page: Page, person: DemoPerson, path = "/") {
  await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByRole("button", { name: new RegExp(person.replace(/[()]/g, "\\$&")) }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(person);
}

/** A session cookie header for `person`, made by signing in through the page in a context of its own. */
export async function sessionCookieOf(browser: Browser, person: DemoPerson): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInAs(page, person);
    const cookie = (await context.cookies()).find((c) => c.name === "ledgerline_session");
    if (!cookie) throw new Error(`signing in as ${person} set no session cookie`);
    return `${cookie.name}=${cookie.value}`;
  } finally {
    await context.close();
  }
}
