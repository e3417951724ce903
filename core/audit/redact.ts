export const SECRET_KEY_PATTERN = /secret|token|password|authorization/i;

/** A copy of the details without any member whose name looks like it holds a secret, at any depth. */
export function redact(details: Record<string, unknown>): Record<string, unknown> {
  return redactRecord(details);
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(redactValue);
  }
  if (typeof value === 'object' && value !== null) {
    return redactRecord(value as Record<string, unknown>);
  }
  return value;
}

function redactRecord(record: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    if (!SECRET_KEY_PATTERN.test(name)) {
      kept[name] = redactValue(value);
    }
  }
  return kept;
}
