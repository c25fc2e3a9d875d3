import { expect, type Page } from "@playwright/test";

export type DemoPerson = "Sam (support)" | "Fiona (finance)" | "Dana (admin)" | "Priya (admin)";

/** Signs in through the sign-in page's demo buttons, as a newcomer would. */
export async function signInAs(page: Page, person: DemoPerson, path = "/") {
  await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByRole("button", { name: new RegExp(person.replace(/[()]/g, "\\$&")) }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(person);
}
