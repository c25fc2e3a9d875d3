/**
 * Hostile text written where people later read it: account and lead names,
 * a contact, reasons, a lead's enrichment and notes, an idempotency key, a
 * service's id and name, a person's name, a webhook delivery's id. Each
 * payload would run script if it were ever put into the page as markup.
 */
import { createHmac } from "node:crypto";
import { createApiToken } from "@/lib/auth/api-tokens";
import { command, expectStatus } from "../harness/http";
import type { Fresh } from "../harness/suite";

export const PAYLOADS = {
  img: `<img src=x onerror="window.__pwned='img'">`,
  script: `<script>window.__pwned='script'</script>`,
  svg: `"><svg onload="window.__pwned='svg'">`,
  alert: `<img src=x onerror=alert(1)>`,
  frame: `<iframe src="javascript:alert(2)"></iframe>`,
  quoteBreak: `'"><body onload=alert(3)>`,
};

/** The value of WEBHOOK_SECRET signs what a billing provider would send. */
export function signed(secret: string, body: string, at = Math.floor(Date.now() / 1000)): string {
  return `t=${at},v1=${createHmac("sha256", secret).update(`${at}.${body}`).digest("hex")}`;
}

export interface Hostile {
  accountId: string;
  invoiceId: string;
  leadId: string;
  /** The account's first event. */
  position: number;
  deliveryId: string;
  /** A finance person whose name is a payload: they read every page. */
  readerToken: string;
  serviceToken: string;
  operatorToken: string;
  /** An admin whose id is a payload. */
  operatorId: string;
  /** Text each page must show as text. */
  accountName: string;
  leadName: string;
  personName: string;
}

export async function writeHostile(baseUrl: string, fresh: Fresh, webhookSecret: string): Promise<Hostile> {
  const p = PAYLOADS;
  const admin = fresh.tokens.admin;
  const serviceToken = await createApiToken(fresh.db, {
    name: `${p.script} CRM`,
    role: "service",
    principalType: "service",
    principalId: `svc-${p.alert}`,
  });
  const personName = `${p.img} Mallory`;
  const readerToken = await createApiToken(fresh.db, {
    name: personName,
    role: "finance",
    principalType: "user",
    principalId: "mallory",
  });
  const ok = async (token: string, type: string, data: unknown, headers: Record<string, string> = {}, status = 200) =>
    expectStatus(await command(baseUrl, token, type, data, headers), status, type).body;

  const accountId = "xss-acct";
  const opened = await ok(admin, "OpenAccount", {
    accountId,
    name: `Evil ${p.img} & Co`,
    billingEmail: "ap@xss.test",
    currency: "USD",
  });
  const accountName = `Evil ${p.svg} ${p.script} Co`;
  await ok(
    serviceToken,
    "RenameAccount",
    { accountId, name: accountName },
    { "idempotency-key": "<svg/onload=alert(4)>" },
  );
  await ok(admin, "ChangeBillingContact", { accountId, billingEmail: "ap2@xss.test", contactName: p.quoteBreak });
  await ok(serviceToken, "PurchasePlan", { accountId, plan: "enterprise", interval: "monthly", seats: 5 });
  const subscription = (await (
    await fetch(`${baseUrl}/api/streams/subscription-${accountId}`, { headers: { authorization: `Bearer ${admin}` } })
  ).json()) as { state: { periodInvoice: { invoiceId: string } } };
  const invoiceId = subscription.state.periodInvoice.invoiceId;
  await ok(admin, "IssueCreditNote", { invoiceId, amount: 500, reason: `Goodwill ${p.frame} ${p.alert}` });
  // Held for a second admin: the approvals page lists it with its reason.
  await ok(admin, "IssueCreditNote", { invoiceId, amount: 60_000, reason: `Big ${p.svg}` }, {}, 202);

  const leadId = "xss-lead";
  const leadName = `${p.script} Lee`;
  await ok(admin, "CaptureLead", { leadId, name: leadName, email: "lee@xss.test", company: p.svg, source: "website" });
  await ok(admin, "EnrichLead", { leadId, industry: p.img, website: "javascript:alert(5)" });
  await ok(admin, "ScoreLead", { leadId, score: 50, model: p.alert.slice(0, 60), reasons: [p.quoteBreak] });
  await ok(admin, "AssignLead", { leadId, ownerId: "owner-1" });
  await ok(admin, "ContactLead", { leadId, channel: "email", note: p.frame });

  const deliveryId = `evt_${p.alert}`;
  const body = JSON.stringify({
    id: deliveryId,
    type: "payment.succeeded",
    created: Math.floor(Date.now() / 1000),
    data: { invoiceId, amount: 1_000, currency: "USD", providerRef: p.svg },
  });
  const delivered = await fetch(`${baseUrl}/api/webhooks/billing`, {
    method: "POST",
    headers: { "content-type": "application/json", "ledgerline-signature": signed(webhookSecret, body) },
    body,
  });
  if (delivered.status !== 200) throw new Error(`webhook: ${delivered.status} ${await delivered.text()}`);

  // An operation's actor shows in the projections console: its history and its verifications.
  const operatorId = `adm-${p.img}`;
  const operator = await createApiToken(fresh.db, {
    name: "Operator",
    role: "admin",
    principalType: "user",
    principalId: operatorId,
  });
  const verification = await fetch(`${baseUrl}/api/integrity/verifications`, {
    method: "POST",
    headers: { authorization: `Bearer ${operator}`, "content-type": "application/json" },
    body: JSON.stringify({ scope: `account-${accountId}`, reason: `Audit ${p.img}` }),
  });
  if (verification.status !== 202) throw new Error(`verification: ${verification.status}`);

  return {
    accountId,
    invoiceId,
    leadId,
    position: opened.position as number,
    deliveryId,
    readerToken,
    serviceToken,
    operatorToken: operator,
    operatorId,
    accountName,
    leadName,
    personName,
  };
}
