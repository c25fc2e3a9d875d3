/**
 * Reads a body's chunks until it ends or passes `limit` bytes, and no further:
 * `over` says it passed (the reader is left where it stopped, for the caller
 * to drain or cancel). Shared by the API's body reader and the proxy's check of
 * server-action posts, neither of which may hold a body of any size in memory.
 */
export async function readAtMost(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
): Promise<{ chunks: Uint8Array[]; size: number; over: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { chunks, size, over: false };
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) return { chunks, size, over: true };
  }
}
