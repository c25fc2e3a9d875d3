import { describe, expect, test } from "vitest";
import { ACTION_BODY_LIMIT, refuseActionPost } from "./action-post";

const text = (body: string) => new TextEncoder().encode(body);
const fetchPost = (body: string, contentType = "text/plain;charset=UTF-8") =>
  refuseActionPost({ contentType, fetchAction: true, body: text(body) });

describe("refuseActionPost", () => {
  test("lets React's plain-JSON arguments through, its encodings of plain values included", async () => {
    const args = [{ reason: "$$5 off", at: "$D2026-01-01T00:00:00.000Z", n: "$n12", x: "$undefined" }, "$-0", "$NaN"];
    expect(await fetchPost(JSON.stringify(args))).toBeNull();
    expect(await fetchPost("[]")).toBeNull();
  });

  test("refuses what Next's decoder would fail on with a 500", async () => {
    expect(await fetchPost("hello")).toMatchObject({ status: 400 });
    expect(await fetchPost("")).toMatchObject({ status: 400 });
    expect(await fetchPost("5")).toMatchObject({ status: 400, message: expect.stringMatching(/not a list/) });
    expect(await fetchPost('{"a":1}')).toMatchObject({ status: 400 });
    for (const ref of ["$1", "$0", "$Q5", "$h1", "$@1", "$K1", "$T", "$nabc", `$n${"9".repeat(301)}`]) {
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

  test("a form post (progressive enhancement) must parse; a fetch-posted action takes JSON only", async () => {
    const form = new FormData();
    form.set("$ACTION_ID_7f00", "");
    form.set("reason", "because");
    const encoded = new Response(form);
    const contentType = encoded.headers.get("content-type")!;
    const body = new Uint8Array(await encoded.arrayBuffer());
    expect(await refuseActionPost({ contentType, fetchAction: false, body })).toBeNull();
    expect(await refuseActionPost({ contentType, fetchAction: true, body })).toMatchObject({ status: 415 });
    const broken = { contentType: "multipart/form-data; boundary=zzz", fetchAction: false, body: text("garbage") };
    expect(await refuseActionPost(broken)).toMatchObject({ status: 400 });
    expect(await refuseActionPost({ contentType: "multipart/form-data", fetchAction: false, body })).toMatchObject({
      status: 400,
    });
  });

  test("other posts to a page are not its business", async () => {
    const post = { contentType: "application/x-www-form-urlencoded", fetchAction: false, body: text("a=%zz") };
    expect(await refuseActionPost(post)).toBeNull();
  });
});
