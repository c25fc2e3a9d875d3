/**
 * What the action bad-input test posts: for a server action and one input it
 * accepts, posts as a browser, a script or a broken client could make them.
 * "input": the valid input mutated (fields dropped, replaced by hostile
 * values, unknown ones added, wrapped in an array), or left valid; "arity":
 * no argument or several; "encoding": a body Next cannot decode into
 * arguments (not JSON, not a list, references to parts it lacks, too deep);
 * "content-type": a good body under another content type; "form": the
 * arguments as multipart, as a progressive-enhancement form post or a
 * form-encoded post; "oversize": over the 1 MB action limit.
 */
import fc from "fast-check";
import { malformedJson, mutated, NASTY_STRINGS, nastyValue } from "./fuzz-values";

export type PostKind = "input" | "arity" | "encoding" | "content-type" | "form" | "oversize";

export interface ActionPost {
  kind: PostKind;
  /** Sent with the Next-Action header (a fetch), or as a plain form post to the page (no JavaScript). */
  fetch: boolean;
  body: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  /** What the post is, short, for a failure line. */
  label: string;
}

/** Kinds whose body never decodes into a call: the only ones sent to sign-in and sign-out. */
export const UNDECODABLE: readonly PostKind[] = ["encoding", "oversize"];

const HUGE = fc.constantFrom(10_000, 200_000, 900_000).map((n) => "x".repeat(n));
/** Values the shared catalogue lacks: big text, markup, odd Unicode, React's own "$" encodings. */
const hostile = fc.oneof(
  nastyValue(),
  HUGE,
  fc.constantFrom("<img src=x onerror=alert(1)>", "a\ud800b", "\udfff", "$$", "$undefined", "$D2026-13-45", "$n1"),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.array(nastyValue(), { maxLength: 3 }),
);

function inputs(valid: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(valid) },
    { weight: 6, arbitrary: mutated(fc.constant(valid)) },
    { weight: 3, arbitrary: replaceOne(valid) },
    { weight: 1, arbitrary: hostile },
  );
}

/** One field of the input set to a hostile value (mutated() draws from the shared catalogue only). */
function replaceOne(valid: unknown): fc.Arbitrary<unknown> {
  const keys = typeof valid === "object" && valid !== null ? Object.keys(valid) : [];
  if (keys.length === 0) return hostile;
  return fc.tuple(fc.constantFrom(...keys), hostile).map(([key, value]) => ({ ...(valid as object), [key]: value }));
}

const json = (args: unknown[]) => JSON.stringify(args);

/** Multipart bytes and their content type, as a browser encodes a FormData. */
async function multipart(
  fields: Record<string, string>,
): Promise<{ body: Uint8Array<ArrayBuffer>; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const encoded = new Response(form);
  return { body: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type")! };
}

/** Posts whose multipart body is made later (FormData encoding is asynchronous). */
export type PlannedPost = ActionPost | (() => Promise<ActionPost>);

export function actionPosts(actionId: string, valid: unknown): fc.Arbitrary<PlannedPost> {
  const input = inputs(valid);
  const undecodable = fc.oneof(
    malformedJson(),
    fc.constantFrom("", "null", "5", '"x"', '{"0":1}', '["$1"]', '["$0"]', '[{"a":"$Q1"}]', '["$h1"]', '["$nabc"]'),
    fc.integer({ min: 65, max: 6000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
  );
  return fc.oneof(
    {
      weight: 12,
      arbitrary: input.map((v): ActionPost => ({ kind: "input", fetch: true, body: json([v]), label: "input" })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.constant([]), fc.tuple(input, fc.array(input, { minLength: 1, maxLength: 3 })))
        .map((args): ActionPost => {
          const flat = args.length === 0 ? [] : [args[0], ...(args[1] as unknown[])];
          return { kind: "arity", fetch: true, body: json(flat), label: `${flat.length} arguments` };
        }),
    },
    {
      weight: 3,
      arbitrary: undecodable.map((body): ActionPost => ({ kind: "encoding", fetch: true, body, label: "encoding" })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(input, fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/html", ""))
        .map(([v, contentType]): ActionPost => {
          return { kind: "content-type", fetch: true, body: json([v]), contentType, label: `as ${contentType}` };
        }),
    },
    { weight: 3, arbitrary: forms(actionId, input) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(1_100_000, 3_000_000).map((n): ActionPost => {
        const body = json([{ reason: "x".repeat(n) }]);
        return { kind: "oversize", fetch: true, body, label: `${n} bytes` };
      }),
    },
  );
}

/** The arguments as a form would send them: fetch multipart, a JavaScript-less form post, form-encoded, broken. */
function forms(actionId: string, input: fc.Arbitrary<unknown>): fc.Arbitrary<PlannedPost> {
  const fieldsOf = (v: unknown): Record<string, string> =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === "string" ? x : JSON.stringify(x)]))
      : { value: String(JSON.stringify(v)) };
  return fc.oneof(
    input.map((v) => async (): Promise<ActionPost> => {
      const { body, contentType } = await multipart({ "0": json([v]) });
      return { kind: "form", fetch: true, body, contentType, label: "fetch multipart" };
    }),
    input.map((v) => async (): Promise<ActionPost> => {
      const { body, contentType } = await multipart({ [`$ACTION_ID_${actionId}`]: "", ...fieldsOf(v) });
      return { kind: "form", fetch: false, body, contentType, label: "form post (no JavaScript)" };
    }),
    input.map((v): ActionPost => {
      const body = new URLSearchParams({ [`$ACTION_ID_${actionId}`]: "", ...fieldsOf(v) }).toString();
      return {
        kind: "form",
        fetch: false,
        body,
        contentType: "application/x-www-form-urlencoded",
        label: "form-encoded",
      };
    }),
    fc
      .tuple(
        fc.boolean(),
        fc.constantFrom(...NASTY_STRINGS.slice(0, 12)),
        fc.constantFrom("multipart/form-data", "multipart/form-data; boundary=zz"),
      )
      .map(([fetch, text, contentType]): ActionPost => {
        return { kind: "form", fetch, body: `--zz\r\n${text}`, contentType, label: "broken multipart" };
      }),
  );
}
