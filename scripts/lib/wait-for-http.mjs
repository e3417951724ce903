// Polls a URL until it answers 2xx; gives up when `signal` aborts or time runs out.
const POLL_MS = 200;

export async function waitForHttp(url, { timeoutMs, signal, what = url }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (signal?.aborted) throw new Error(`stopped while waiting for ${what}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${what} did not get ready within ${timeoutMs / 1000} s`);
}
