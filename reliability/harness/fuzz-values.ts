/**
 * fast-check arbitraries for hostile input: values that have broken parsers
 * and databases before, header values a client can actually send, bodies
 * drawn from a JSON Schema (valid, so the request reaches the domain) and
 * mutations of them (a field dropped, replaced, added).
 */
import fc from "fast-check";

/** Strings that have hurt parsers, SQL, PostgreSQL's text (NUL), logs and spreadsheets. */
export const NASTY_STRINGS = [
  "",
  " ",
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  "<script>alert(1)</script>",
  "../../../etc/passwd",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "🧾💸",
  "\u202eevil",
  "%00",
  "%zz",
  "${jndi:ldap://x/a}",
  "{{7*7}}",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "9007199254740993",
  "null",
  "\\",
  '"',
  "\r\n",
  "１２３",
  "x".repeat(5000),
];

export const NASTY_NUMBERS = [
  0,
  -1,
  1.5,
  -0.000001,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
];

export const nastyValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...NASTY_STRINGS),
    fc.constantFrom(...NASTY_NUMBERS),
    fc.constantFrom(true, false, null, [], {}),
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ maxLength: 40 }),
  );

/** A field name no schema has (so a strict schema must refuse it). */
export const unknownKey = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(..."abcdefxyz_"), minLength: 1, maxLength: 12 }).map((s) => `zz_${s}`),
    fc.constantFrom("zz_isAdmin", "zz_role", "zz_$where", "zz_constructor"),
  );

/** A character fetch can put in a header value: visible ASCII, space, tab and Latin-1 (no NUL, CR or LF). */
const headerChar = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x21, max: 0x7e }) },
  { weight: 1, arbitrary: fc.constantFrom(0x20, 0x09) },
  { weight: 1, arbitrary: fc.integer({ min: 0xa0, max: 0xff }) },
);
export const headerValue = (maxLength = 260): fc.Arbitrary<string> =>
  fc.string({ unit: headerChar.map((c) => String.fromCharCode(c)), maxLength });

/** encodeURIComponent, with lone surrogates (which it cannot encode) made U+FFFD. */
export const encodeSegment = (s: string) =>
  encodeURIComponent(s.replace(/[\ud800-\udfff]/g, (c, at: number) => (isPair(s, at) ? c : "\ufffd")));
const isPair = (s: string, at: number) => {
  const code = s.charCodeAt(at);
  if (code < 0xdc00) return at + 1 < s.length && (s.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
  return at > 0 && (s.charCodeAt(at - 1) & 0xfc00) === 0xd800;
};

/** A path segment: encoded text of any kind, or raw characters (a malformed %-escape included). */
export const pathSegment = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength: 30 }).map(encodeSegment),
    fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 100)).map(encodeSegment),
    fc.string({ unit: fc.constantFrom(..."%zZ09-._~!$&'()*+,;=:@"), minLength: 1, maxLength: 12 }),
  );

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** One or two changes to a body: drop a field, replace one with a nasty value, add an unknown one, wrap it. */
export function mutated(body: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const change = fc.tuple(fc.integer({ min: 0, max: 5 }), nastyValue(), fc.nat(), unknownKey());
  return fc.tuple(body, change, fc.option(change, { nil: undefined })).map(([value, ...changes]) => {
    let result = value;
    for (const c of changes) if (c) result = applyChange(result, c);
    return result;
  });
}

function applyChange(value: unknown, [op, nasty, pick, key]: [number, unknown, number, string]): unknown {
  if (!isObject(value)) return nasty;
  const copy = { ...value };
  const keys = Object.keys(copy);
  const field = keys.length > 0 ? keys[pick % keys.length]! : key;
  switch (op) {
    case 0:
      delete copy[field];
      return copy;
    case 1:
    case 2:
      copy[field] = nasty;
      return copy;
    case 3:
      copy[key] = nasty;
      return copy;
    case 4:
      copy[field] = { [key]: nasty };
      return copy;
    default:
      return [copy];
  }
}

/** Body text that is not JSON, though it may look like it. */
export const malformedJson = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc
        .jsonValue()
        .map((v) => JSON.stringify(v))
        .filter((s) => s.length > 1)
        .map((s) => s.slice(0, -1)),
      fc.jsonValue().map((v) => `${JSON.stringify(v)},`),
      fc.constantFrom("{", "{'name': 'x'}", "{name: 1}", '{"a":1,}', "NaN", "undefined", "\ufeff{}", '{"a":01}'),
      fc.string({ minLength: 1, maxLength: 50 }),
    )
    .filter((text) => {
      if (text.trim() === "") return false;
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    });

/** Raw body text for the random cases: mostly JSON of the value, sometimes something else entirely. */
export function bodyText(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 10, arbitrary: value.map((v) => JSON.stringify(v) ?? "null") },
    // A prototype key, as a parser sees it in the text (an object literal cannot carry it).
    {
      weight: 1,
      arbitrary: value.map((v) =>
        isObject(v) ? `{"__proto__":{"role":"admin"},${JSON.stringify(v).slice(1)}` : JSON.stringify(v),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("", "null", "[]", '"x"', "1e999", '{"a":1,"a":2}', "[[[[[[[[[[]]]]]]]]]]"),
    },
    { weight: 1, arbitrary: fc.constant(`${"[".repeat(5000)}${"]".repeat(5000)}`) },
    { weight: 1, arbitrary: malformedJson() },
  );
}

// ---- bodies from a JSON Schema (z.toJSONSchema of a command's schema) ----

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
}

/** Arbitraries for fields by name (ids of things that exist, so commands reach their decisions). */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

const DAY = 86_400_000;
const isoAround = (now: number) =>
  fc.integer({ min: now - 60 * DAY, max: now + 30 * DAY }).map((t) => new Date(t).toISOString());

/** Values the schema accepts (mostly: refinements beyond JSON Schema may still refuse some). */
export function fromSchema(schema: JsonSchema, hints: Hints, name = ""): fc.Arbitrary<unknown> {
  if (name && hints[name]) return hints[name];
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => fromSchema(s, hints, name)));
  switch (schema.type) {
    case "object": {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, fromSchema(s, hints, k)]));
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
    case "array": {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + 3);
      return fc.array(fromSchema(schema.items ?? {}, hints), { minLength, maxLength });
    }
    case "integer":
    case "number": {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? min + 100_000;
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min, max: Math.min(max, min + 10_000) }) },
        { weight: 1, arbitrary: fc.constantFrom(min, max) },
      );
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "string":
      return stringFor(schema);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? minLength + 20, minLength + 20);
  if (schema.format === "email") return fc.constantFrom("ap@example.test", "billing@acme.example", "a.b+c@x.example");
  if (schema.format === "date-time") return isoAround(Date.now());
  if (schema.format === "uri") return fc.constantFrom("https://example.test/", "https://acme.example/about");
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return fc.stringMatching(pattern).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? 1e9));
  }
  const unit = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789-.");
  return fc.string({ unit, minLength: Math.max(minLength, 1), maxLength: Math.max(maxLength, minLength, 1) });
}
