export function canonicalJson(value: unknown): string {
  const encoded = encodeCanonical(value);
  if (encoded === undefined) {
    throw new TypeError('canonical JSON needs a value, got undefined');
  }
  return encoded;
}

function encodeCanonical(value: unknown): string | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  }
  if (value === undefined) {
    return undefined;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => encodeCanonical(item) ?? 'null').join(',')}]`;
  }
  if (isPlainRecord(value)) {
    const members = Object.keys(value)
      .sort()
      .flatMap((name) => {
        const encoded = encodeCanonical(value[name]);
        return encoded === undefined ? [] : [`${JSON.stringify(name)}:${encoded}`];
      });
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot encode a ${describeType(value)}`);
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describeType(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    return value.constructor?.name ?? 'object';
  }
  return typeof value;
}
