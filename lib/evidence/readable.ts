/**
 * A response body that pulls the next piece only when the client has taken
 * the last one, so a large bundle never sits in memory whole. A failure
 * midway can no longer change the status: it is logged and the body is cut
 * off (a reader's JSON parse then fails rather than accepting half a bundle).
 */
export function readableOf(pieces: AsyncGenerator<string>, requestId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await pieces.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        console.error(`[api] ${requestId}: evidence bundle failed while streaming:`, error);
        controller.error(error);
      }
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
}
