import { describe, expect, test } from "vitest";
import { ACTION_BODY_LIMIT, refuseActionPost, readUpTo } from "./action-post";

const text = (body: string) => new TextEncoder().encode(body);
const fetchPost = (body: string, contentType = "text/plain;charset=UTF-8") =>
  refuseActionPost({ contentType, fetchAction: true, body: text(body) });

/** Multipart bytes and their content type, as a browser encodes a FormData. */
async function encoded(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const response = new Response(form);
  return { contentType: response.headers.get("content-type"), body: new Uint8Array(await response.arrayBuffer()) };
}

describe("refuseActionPost", () => {
  test("lets React's plain-JSON arguments through, its encodings of plain values included", async () => {
    const args = [{ reason: "$$5 off", at: "$D2026-01-01T00:00:00.000Z", n: "$n12", x: "$undefined" }, "$-0", "$K1"];
    expect(await fetchPost(JSON.stringify(args))).toBeNull();
    expect(await fetchPost("[]")).toBeNull();
  });

  test("refuses what Next's decoder would fail on with a 500", async () => {
    expect(await fetchPost("hello")).toMatchObject({ status: 400 });
    expect(await fetchPost("")).toMatchObject({ status: 400 });
    expect(await fetchPost("5")).toMatchObject({ status: 400, message: expect.stringMatching(/not a list/) });
    expect(await fetchPost('{"a":1}')).toMatchObject({ status: 400 });
    for (const ref of ["$1", "$0", "$Q5", "$h1", "$@1", "$T", "$B1", "$R1", "$nabc", `$n${"9".repeat(301)}`]) {
      expect(await fetchPost(JSON.stringify([{ projection: ref }])), ref).toMatchObject({ status: 400 });
    }
    expect(await fetchPost(`${"[".repeat(65)}${"]".repeat(65)}`)).toMatchObject({ status: 400 });
    expect(await fetchPost(`${"[".repeat(64)}${"]".repeat(64)}`)).toBeNull();
  });

  test("a body over the limit is a 413, however it is sent", async () => {
    const big = new Uint8Array(ACTION_BODY_LIMIT + 1);
    expect(await refuseActionPost({ contentType: null, fetchAction: true, body: big })).toMatchObject({ status: 413 });
    const form = { contentType: "multipart/form-data; boundary=x", fetchAction: false, body: big };
    expect(await refuseActionPost(form)).toMatchObject({ status: 413 });
  });

  test("a form post (progressive enhancement) must parse", async () => {
    const { contentType, body } = await encoded({ $ACTION_ID_7f00: "", reason: "because" });
    expect(await refuseActionPost({ contentType, fetchAction: false, body })).toBeNull();
    const broken = { contentType: "multipart/form-data; boundary=zzz", fetchAction: false, body: text("garbage") };
    expect(await refuseActionPost(broken)).toMatchObject({ status: 400 });
    expect(await refuseActionPost({ contentType: "multipart/form-data", fetchAction: false, body })).toMatchObject({
      status: 400,
    });
  });

  test("a fetch-posted action's multipart arguments (a FormData, as sign-in sends) pass; lacking parts do not", async () => {
    // React's encoding of signIn(previousState, formData): the FormData's fields under "_1_", the arguments last.
    const signIn = await encoded({ _1_token: "t", _1_next: "/", "0": '[{"error":null},"$K1"]' });
    expect(await refuseActionPost({ ...signIn, fetchAction: true })).toBeNull();
    const outlined = await encoded({ "0": '["$1","$Q2"]', "1": '{"a":"$$x"}', "2": "[]" });
    expect(await refuseActionPost({ ...outlined, fetchAction: true })).toBeNull();
    const lacking: Record<string, string>[] = [
      { x: "1" },
      { "0": '["$1"]' },
      { "0": '["$1"]', "1": "not json" },
      { "0": '["$0"]' },
    ];
    for (const fields of lacking) {
      const post = await encoded(fields);
      expect(await refuseActionPost({ ...post, fetchAction: true }), JSON.stringify(fields)).toMatchObject({
        status: 400,
      });
    }
  });

  test("other posts to a page are not its business", async () => {
    const post = { contentType: "application/x-www-form-urlencoded", fetchAction: false, body: text("a=%zz") };
    expect(await refuseActionPost(post)).toBeNull();
  });
});

describe("readUpTo", () => {
  const streamed = (chunks: number, size: number) => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === chunks) controller.close();
        else controller.enqueue(new Uint8Array(size));
      },
    });
    return {
      request: new Request("http://test/x", { method: "POST", body, duplex: "half" } as RequestInit),
      sent: () => sent,
    };
  };

  test("reads a body under the limit whole", async () => {
    const { request } = streamed(3, 100);
    expect((await readUpTo(request, 1000)).byteLength).toBe(300);
  });

  test("stops one chunk past the limit instead of holding the whole body", async () => {
    const { request, sent } = streamed(10_000, 64 * 1024);
    const body = await readUpTo(request, 1024 * 1024);
    expect(body.byteLength).toBeGreaterThan(1024 * 1024);
    expect(body.byteLength).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
    expect(sent()).toBeLessThan(40);
  });
});
