/** The Retry-After of a botbuilder/Azure REST error in milliseconds, when the connector sent one (seconds or a date). */
export function retryAfterMs(error: unknown, now: number): number | undefined {
  const value = headerOf(error, 'retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function headerOf(error: unknown, name: string): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const response = (error as { response?: unknown }).response;
  if (response === null || typeof response !== 'object') return undefined;
  const headers = (response as { headers?: unknown }).headers;
  if (headers === null || typeof headers !== 'object') return undefined;
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const value: unknown = getter.call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  const entry = Object.entries(headers as Record<string, unknown>).find(([key]) => key.toLowerCase() === name);
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}
