-- Search (/search): leads are found by name and email too, and every searched column gets a
-- trigram index so a substring search (ILIKE '%q%') stays fast on many rows.

-- customer-lifecycle v2 writes the lead's name and email (from LeadCaptured and LeadConverted).
-- Existing rows hold '' until the projection's new version rebuilds them; the default is
-- dropped at once, as read models have none.
ALTER TABLE "rm_lead_pipeline" ADD COLUMN "name" TEXT NOT NULL DEFAULT '', ADD COLUMN "email" TEXT NOT NULL DEFAULT '';
ALTER TABLE "rm_lead_pipeline" ALTER COLUMN "name" DROP DEFAULT, ALTER COLUMN "email" DROP DEFAULT;

-- pg_trgm may be missing, or the role may not be allowed to create it: then the search works
-- without these indexes, by scanning. Each step is its own block, so a failure skips only it.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available (%): search will scan instead of using trigram indexes', SQLERRM;
END $$;

-- Plain gin_trgm_ops on the column serves ILIKE (Prisma's case-insensitive `contains`) directly.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX "rm_account_summary_name_trgm_idx" ON "rm_account_summary" USING gin ("name" gin_trgm_ops);
    CREATE INDEX "rm_account_summary_billing_email_trgm_idx" ON "rm_account_summary" USING gin ("billing_email" gin_trgm_ops);
    CREATE INDEX "rm_account_summary_account_id_trgm_idx" ON "rm_account_summary" USING gin ("account_id" gin_trgm_ops);
    CREATE INDEX "rm_invoices_invoice_id_trgm_idx" ON "rm_invoices" USING gin ("invoice_id" gin_trgm_ops);
    CREATE INDEX "rm_lead_pipeline_company_trgm_idx" ON "rm_lead_pipeline" USING gin ("company" gin_trgm_ops);
    CREATE INDEX "rm_lead_pipeline_name_trgm_idx" ON "rm_lead_pipeline" USING gin ("name" gin_trgm_ops);
    CREATE INDEX "rm_lead_pipeline_email_trgm_idx" ON "rm_lead_pipeline" USING gin ("email" gin_trgm_ops);
  END IF;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'trigram indexes not created (%): search will scan', SQLERRM;
END $$;
