import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import { errorResponse } from "@/lib/http/errors";
import { apiRoute, authenticate, parseQuery } from "@/lib/http/request";
import { streamingResponse } from "@/lib/http/stream";
import {
  CONVERSION_COLUMNS,
  conversionBatches,
  type ConversionFilters,
  readConversionFilters,
  toConversionCsvRow,
} from "@/lib/queries/conversions";
import { InvalidInputError } from "@/lib/errors";
import { csvChunks } from "@/lib/timeline/export-formats";
import type { Runtime } from "@/lib/server/runtime";
import type { ApiDeps } from "./deps";

async function* csvBatches(filters: ConversionFilters, runtime: Runtime) {
  for await (const rows of conversionBatches(filters, runtime)) yield rows.map(toConversionCsvRow);
}

const ZQuery = z
  .object({
    format: z.literal("csv", { error: "must be csv" }),
    from: z.string().optional(),
    to: z.string().optional(),
    plan: z.string().optional(),
    interval: z.string().optional(),
  })
  .strict();

/** GET /api/reports/conversions?format=csv&from&to&plan&interval: the conversions report as CSV (finance, admin). */
export function conversionsExportEndpoint(deps: ApiDeps) {
  return apiRoute(async (request: Request, requestId: string) => {
    const runtime = await deps.runtime();
    const principal = await authenticate(request, runtime.db);
    requirePermission(principal, "reports");
    requirePermission(principal, "export");
    const { format: _format, ...params } = parseQuery(request, ZQuery);
    const { filters, problems } = readConversionFilters(params);
    if (problems.length > 0)
      throw new InvalidInputError(
        "Invalid conversions query",
        problems.map((p) => ({ ...p, path: `query.${p.path}` })),
      );
    // Streamed batch by batch: every matching conversion, however many (docs/api.md).
    return streamingResponse(
      csvChunks(csvBatches(filters, runtime), CONVERSION_COLUMNS),
      {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="trial-conversions-${new Date().toISOString().slice(0, 10)}.csv"`,
          "cache-control": "no-store",
        },
      },
      (error) => console.error(`[api] ${requestId}: conversions export failed:`, error),
    );
  }, errorResponse);
}
