import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate } from "@/lib/http/request";
import { streamingResponse } from "@/lib/http/stream";
import { exportBatches } from "@/lib/timeline/export";
import { EXPORT_CONTENT_TYPES, exportChunks } from "@/lib/timeline/export-formats";
import { parseTimelineQuery } from "@/lib/timeline/filters";
import { chooseReader, READ_SOURCE_HEADER } from "@/lib/server/replica";
import type { ApiDeps } from "./deps";

type Params = { params: Promise<{ accountId: string }> };

// An export is the whole filtered timeline: paging parameters are refused, not silently ignored.
const refused = (why: string) => z.never({ error: why }).optional();

const ZExportParams = {
  format: z.enum(["csv", "json"], { error: "must be csv or json" }),
  order: z.enum(["desc", "asc"], { error: "must be desc (newest first) or asc (oldest first)" }).default("desc"),
  limit: refused("an export has no limit: it holds every matching event; narrow it with from, to or the other filters"),
  cursor: refused("an export is not paged: it holds every matching event"),
};

/** `timeline-acme-2026-11-27.csv` (the UTC date of the export). */
function fileName(accountId: string, format: string, now: Date): string {
  const safeId = accountId.replace(/[^A-Za-z0-9._-]/g, "_");
  return `timeline-${safeId}-${now.toISOString().slice(0, 10)}.${format}`;
}

/**
 * GET /api/accounts/<accountId>/export?format=csv|json&<timeline filters>:
 * the account's filtered timeline as a file, streamed batch by batch from the
 * account-timeline read model (see docs/api.md).
 */
export function exportEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, requestId: string, { params }: Params) => {
    const runtime = await deps.runtime();
    requirePermission(await authenticate(request, runtime.db), "export");
    const { accountId } = await params;
    const {
      format,
      order,
      limit: _limit,
      cursor: _cursor,
      ...filters
    } = parseTimelineQuery(new URL(request.url).searchParams, ZExportParams);
    if (!(await runtime.store.accountHasEvents(accountId)))
      throw new NotFoundError(`No account "${accountId}" exists.`);
    const reader = await chooseReader(runtime, (await deps.replica?.()) ?? null);
    const chunks = exportChunks[format](exportBatches(reader.runtime, accountId, filters, { order }));
    const now = deps.now?.() ?? new Date();
    return streamingResponse(
      chunks,
      {
        headers: {
          "content-type": EXPORT_CONTENT_TYPES[format],
          "content-disposition": `attachment; filename="${fileName(accountId, format, now)}"`,
          "cache-control": "no-store",
          [READ_SOURCE_HEADER]: reader.source,
        },
      },
      (error) => console.error(`[api] ${requestId}: export of account ${accountId} failed while streaming:`, error),
    );
  }, errorResponse);
}
