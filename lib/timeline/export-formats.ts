import { stringify } from "csv-stringify/sync";
import { EXPORT_COLUMNS, type ExportRow } from "./export";

export type ExportFormat = "csv" | "json";

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json",
};

/**
 * RFC 4180 CSV, one chunk per batch: the header row first, CRLF line ends,
 * fields with a comma, quote or line break quoted. `escape_formulas` puts a
 * single quote before a cell starting with = + - @ tab or CR (and their
 * full-width forms), so a spreadsheet shows it as text instead of running it
 * (OWASP "CSV injection"). Null is an empty cell; `data` is left out.
 */
export async function* csvChunks<T extends object>(
  batches: AsyncIterable<T[]>,
  columns: readonly (keyof T & string)[],
): AsyncGenerator<string> {
  let header = true;
  for await (const rows of batches) {
    yield stringify(rows, { header, columns: [...columns], record_delimiter: "windows", escape_formulas: true });
    header = false;
  }
  if (header) yield stringify([], { header: true, columns: [...columns], record_delimiter: "windows" });
}

/** A JSON array, element by element (one per line), valid JSON once the last chunk is written. */
export async function* jsonChunks<T>(batches: AsyncIterable<T[]>): AsyncGenerator<string> {
  let first = true;
  for await (const rows of batches) {
    if (rows.length === 0) continue;
    yield (first ? "[\n" : ",\n") + rows.map((row) => JSON.stringify(row)).join(",\n");
    first = false;
  }
  yield first ? "[]\n" : "\n]\n";
}

/** The timeline export's writers (its columns, in the CSV). */
export const exportChunks: Record<ExportFormat, (batches: AsyncIterable<ExportRow[]>) => AsyncGenerator<string>> = {
  csv: (batches) => csvChunks(batches, EXPORT_COLUMNS),
  json: jsonChunks,
};
