/**
 * A response whose body is pulled from `chunks` one at a time, as the client
 * reads (so a large export never sits in memory whole). The first chunk is
 * produced before answering: if it fails, the caller's error becomes a normal
 * error response. A later failure calls `onFailure` (to log it) and aborts the
 * body, so the client sees a broken download rather than a short file that
 * looks complete. A client that goes away stops the generator.
 */
export async function streamingResponse(
  chunks: AsyncGenerator<string>,
  init: ResponseInit,
  onFailure: (error: unknown) => void,
): Promise<Response> {
  const encoder = new TextEncoder();
  let ahead: IteratorResult<string> | null = await chunks.next();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = ahead ?? (await chunks.next());
          ahead = null;
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          onFailure(error);
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    // Pull only when the client asks: nothing is read ahead of the network.
    { highWaterMark: 0 },
  );
  return new Response(body, init);
}
