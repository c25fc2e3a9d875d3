/**
 * Retries an assertion until it passes or the time is up. The read horizon is
 * cluster-wide, so another test's short transaction may hold it back for a
 * moment; assertions about "eventually readable" poll instead of sleeping.
 */
export async function eventually<T>(check: () => Promise<T>, { timeoutMs = 10_000, intervalMs = 50 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
