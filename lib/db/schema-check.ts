import fs from "node:fs";
import path from "node:path";
import { type Attribute, type BlockAttribute, type Field, getSchema, type Model } from "@mrleebo/prisma-ast";
import type { SqlSession } from "./types";

/** A column the Prisma schema expects. */
export interface ExpectedColumn {
  model: string;
  field: string;
  table: string;
  column: string;
  /** Acceptable information_schema udt_names. */
  types: string[];
  nullable: boolean;
}

const SCALARS: Record<string, string[]> = {
  String: ["text", "varchar", "bpchar"],
  Int: ["int4"],
  BigInt: ["int8"],
  Boolean: ["bool"],
  Float: ["float8"],
  Decimal: ["numeric"],
  DateTime: ["timestamp", "timestamptz"],
  Json: ["jsonb", "json"],
  Bytes: ["bytea"],
};

const NATIVE: Record<string, string> = {
  Uuid: "uuid",
  Timestamptz: "timestamptz",
  Timestamp: "timestamp",
  Date: "date",
  Text: "text",
  VarChar: "varchar",
  JsonB: "jsonb",
  Json: "json",
};

const unquote = (value: unknown) => String(value).replace(/^"|"$/g, "");

type AnyAttribute = Attribute | BlockAttribute;

function mapName(attributes: AnyAttribute[] | undefined, fallback: string): string {
  const arg = attributes?.find((a) => a.name === "map" && !a.group)?.args?.[0]?.value;
  return arg === undefined ? fallback : unquote(arg);
}

/** Reads schema.prisma into the columns it expects (relation fields excluded). */
export function expectedColumns(
  schemaText = fs.readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8"),
) {
  const schema = getSchema(schemaText);
  const models = schema.list.filter((block): block is Model => block.type === "model");
  const enums = new Set(schema.list.filter((b) => b.type === "enum").map((b) => (b as { name: string }).name));
  const modelNames = new Set(models.map((m) => m.name));
  const columns: ExpectedColumn[] = [];
  for (const model of models) {
    const blockAttributes = model.properties.filter((p): p is BlockAttribute => p.type === "attribute");
    const table = mapName(blockAttributes, model.name);
    for (const field of model.properties.filter((p): p is Field => p.type === "field")) {
      let types: string[];
      if (typeof field.fieldType === "object") {
        types = [unquote((field.fieldType as { params: string[] }).params[0])]; // Unsupported("xid8")
      } else if (modelNames.has(field.fieldType)) {
        continue; // relation
      } else if (enums.has(field.fieldType)) {
        types = [field.fieldType];
      } else {
        const native = field.attributes?.find((a) => a.group === "db");
        types =
          native && NATIVE[native.name] ? [NATIVE[native.name]!] : (SCALARS[field.fieldType] ?? [field.fieldType]);
      }
      columns.push({
        model: model.name,
        field: field.name,
        table,
        column: mapName(field.attributes, field.name),
        types: field.array ? types.map((t) => `_${t}`) : types,
        nullable: Boolean(field.optional),
      });
    }
  }
  return columns;
}

/** Every mismatch between schema.prisma and the live database, as sentences. */
export async function compareSchemaWithDatabase(session: SqlSession, expected = expectedColumns()): Promise<string[]> {
  const rows = await session.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
    `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns
     WHERE table_schema = current_schema()`,
  );
  const actual = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
  const problems: string[] = [];
  for (const col of expected) {
    const found = actual.get(`${col.table}.${col.column}`);
    const where = `${col.model}.${col.field} (${col.table}.${col.column})`;
    if (!found) {
      problems.push(`${where}: column is missing`);
      continue;
    }
    if (!col.types.includes(found.udt_name)) {
      problems.push(`${where}: database type ${found.udt_name}, schema expects ${col.types.join(" or ")}`);
    }
    if ((found.is_nullable === "YES") !== col.nullable) {
      problems.push(
        `${where}: database ${found.is_nullable === "YES" ? "allows" : "forbids"} NULL, schema ${col.nullable ? "allows" : "forbids"} it`,
      );
    }
  }
  return problems;
}
