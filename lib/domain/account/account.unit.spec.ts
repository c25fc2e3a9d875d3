import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fold } from "../shared/decider";
import { spec } from "../shared/decider-spec";
import { ERASED_VALUE } from "../shared/personal-data";
import { commandFrom } from "../shared/testing";
import { accountCommandSchemas } from "./commands";
import { accountDecider } from "./decider";
import type { AccountEvent } from "./events";
import { summarizeAccount } from "./state";

const s = spec(accountDecider);
const NOW = "2025-01-10T08:00:00.000Z";
type Schemas = typeof accountCommandSchemas;
const acc = <T extends keyof Schemas>(type: T, data: Omit<z.input<Schemas[T]>, "accountId">) =>
  commandFrom(accountCommandSchemas, type, { accountId: "acme", ...data } as z.input<Schemas[T]>, NOW);

const opened: AccountEvent = {
  type: "AccountOpened",
  data: { accountId: "acme", name: "Acme Inc", billingEmail: "billing@acme.test", currency: "USD", openedAt: NOW },
};
const closed: AccountEvent = { type: "AccountClosed", data: { accountId: "acme", reason: "Churned", closedAt: NOW } };

describe("account", () => {
  it("opens once", () => {
    s.given([])
      .when(acc("OpenAccount", { name: "Acme Inc", billingEmail: "billing@acme.test", currency: "USD" }))
      .then([opened]);
    s.given([opened])
      .when(acc("OpenAccount", { name: "Acme Inc", billingEmail: "billing@acme.test", currency: "USD" }))
      .thenRejects("ACCOUNT_ALREADY_EXISTS");
  });

  it("changes the billing contact, renames and closes", () => {
    s.given([opened])
      .when(acc("ChangeBillingContact", { billingEmail: "ap@acme.test", contactName: "Wile E." }))
      .then([
        {
          type: "BillingContactChanged",
          data: { accountId: "acme", billingEmail: "ap@acme.test", contactName: "Wile E." },
        },
      ]);
    s.given([opened])
      .when(acc("RenameAccount", { name: "Acme Corp" }))
      .then([{ type: "AccountRenamed", data: { accountId: "acme", name: "Acme Corp" } }]);
    s.given([opened])
      .when(acc("CloseAccount", { reason: "Churned" }))
      .then([closed]);
  });

  it("rejects changes that change nothing", () => {
    s.given([opened])
      .when(acc("RenameAccount", { name: "Acme Inc" }))
      .thenRejects("ACCOUNT_NAME_UNCHANGED");
    s.given([opened])
      .when(acc("ChangeBillingContact", { billingEmail: "billing@acme.test" }))
      .thenRejects("BILLING_CONTACT_UNCHANGED");
  });

  it("can't rename, close or change a closed account, nor one that does not exist", () => {
    s.given([opened, closed])
      .when(acc("RenameAccount", { name: "New" }))
      .thenRejects("ACCOUNT_CLOSED", /closed on 2025-01-10/);
    s.given([opened, closed]).when(acc("CloseAccount", {})).thenRejects("ACCOUNT_CLOSED");
    s.given([opened, closed])
      .when(acc("ChangeBillingContact", { billingEmail: "x@acme.test" }))
      .thenRejects("ACCOUNT_CLOSED");
    s.given([])
      .when(acc("RenameAccount", { name: "New" }))
      .thenRejects("ACCOUNT_NOT_FOUND");
  });

  it("validates input", () => {
    expect(() => acc("OpenAccount", { name: "Acme", billingEmail: "nope", currency: "USD" })).toThrow(/valid email/);
    expect(() => acc("OpenAccount", { name: "Acme", billingEmail: "a@acme.test", currency: "usd" })).toThrow(
      /ISO 4217/,
    );
  });

  it("won't open an account under an id a price list's timeline uses", () => {
    const open = (accountId: string) =>
      accountCommandSchemas.OpenAccount.safeParse({
        accountId,
        name: "Acme",
        billingEmail: "a@acme.test",
        currency: "USD",
      });
    for (const accountId of ["pricelist-standard", "pricelist-eu"]) {
      expect(open(accountId).error?.issues).toMatchObject([
        { path: ["accountId"], message: 'is reserved: ids starting with "pricelist-" name a price list\'s timeline' },
      ]);
    }
    expect(open("pricelist").success).toBe(true);
  });

  it("replays erased personal data without validating it", () => {
    const erased: AccountEvent = {
      ...opened,
      data: { ...opened.data, name: ERASED_VALUE, billingEmail: ERASED_VALUE },
    } as AccountEvent;
    const state = fold(accountDecider, [erased]);
    expect(state).toMatchObject({ status: "open", name: ERASED_VALUE, billingEmail: ERASED_VALUE });
    expect(summarizeAccount(state)).toContain(ERASED_VALUE);
  });

  describe("erasing personal data", () => {
    const erasedEvent: AccountEvent = { type: "PersonalDataErased", data: { accountId: "acme", erasedAt: NOW } };
    const erase = () => acc("ErasePersonalData", { reason: "GDPR request #4411" });

    it("erases a closed account's personal data once", () => {
      s.given([opened, closed]).when(erase()).then([erasedEvent]);
      expect(fold(accountDecider, [opened, closed, erasedEvent])).toMatchObject({ personalDataErasedAt: NOW });
      s.given([opened, closed, erasedEvent])
        .when(erase())
        .thenRejects("PERSONAL_DATA_ALREADY_ERASED", /already erased on 2025-01-10/);
    });

    it("refuses for an open account or none, in the domain's words", () => {
      s.given([opened])
        .when(erase())
        .thenRejects("ACCOUNT_NOT_CLOSED", /Acme Inc is open; personal data is erased only from a closed account/);
      s.given([]).when(erase()).thenRejects("ACCOUNT_NOT_FOUND");
    });

    it("needs a reason", () => {
      expect(accountCommandSchemas.ErasePersonalData.safeParse({ accountId: "acme" }).success).toBe(false);
    });
  });
});
