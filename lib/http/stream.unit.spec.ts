import { describe, expect, test, vi } from "vitest";
import { streamingResponse } from "./stream";

/** A generator that records how far it has been pulled, and whether it was stopped. */
function source(chunks: string[], failAt?: number) {
  const log = { pulled: 0, finished: false };
  async function* generate() {
    try {
      for (const [i, chunk] of chunks.entries()) {
        if (i === failAt) throw new Error("database went away");
        log.pulled++;
        yield chunk;
      }
    } finally {
      log.finished = true;
    }
  }
  return { log, chunks: generate() };
}

describe("streamingResponse", () => {
  test("streams every chunk as UTF-8, with the given headers", async () => {
    const { chunks } = source(["a,b\r\n", "é,ü\r\n", ""]);
    const res = await streamingResponse(chunks, { headers: { "content-type": "text/csv" } }, () => {});
    expect(res.headers.get("content-type")).toBe("text/csv");
    expect(await res.text()).toBe("a,b\r\né,ü\r\n");
  });

  test("pulls a chunk only when the reader asks for one", async () => {
    const { log, chunks } = source(["1", "2", "3"]);
    const res = await streamingResponse(chunks, {}, () => {});
    expect(log.pulled).toBe(1); // the first, made before answering
    const reader = res.body!.getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 10));
    expect(log.pulled).toBe(1);
    await reader.read();
    expect(log.pulled).toBe(2);
  });

  test("a failure before the first chunk rejects, so the caller answers with an error", async () => {
    const onFailure = vi.fn();
    const { chunks } = source(["never"], 0);
    await expect(streamingResponse(chunks, {}, onFailure)).rejects.toThrow("database went away");
    expect(onFailure).not.toHaveBeenCalled();
  });

  test("a failure while streaming is reported and aborts the body", async () => {
    const onFailure = vi.fn();
    const { chunks } = source(["[", "1", "]"], 2);
    const res = await streamingResponse(chunks, {}, onFailure);
    await expect(res.text()).rejects.toThrow("database went away");
    expect(onFailure).toHaveBeenCalledWith(expect.objectContaining({ message: "database went away" }));
  });

  test("a client that goes away stops the generator", async () => {
    const { log, chunks } = source(["1", "2", "3"]);
    const res = await streamingResponse(chunks, {}, () => {});
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(log).toEqual({ pulled: 1, finished: true });
  });
});
