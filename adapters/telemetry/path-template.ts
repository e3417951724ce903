/** A segment kept as it is: an API name (`deviceManagement`, `$batch`, `SMS_Collection`, `v1.0`), never a value. */
const API_NAME = /^(?:[A-Za-z$][A-Za-z_$]*|v\d+(?:\.\d+)?)$/;
/** Longer than any API name: a value that happens to be all letters. */
const MAX_NAME_LENGTH = 48;

/**
 * A request path with every value replaced by `{id}` and the query dropped: `/beta/users/alice@contoso.com` becomes
 * `/beta/users/{id}`, `/wmi/SMS_Collection('PS100042')` becomes `/wmi/SMS_Collection({id})`. Span names and attributes
 * carry only this, so no name, id or filter (which may hold a person's name) leaves the process.
 */
export function pathTemplate(pathOrUrl: string): string {
  const path = pathOrUrl.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  return path
    .split('/')
    .map((segment) => {
      if (segment === '') return segment;
      const keyed = /^([A-Za-z_$][A-Za-z_$.]*)\(.*\)$/.exec(segment);
      if (keyed) return `${keyed[1]}({id})`;
      return API_NAME.test(segment) && segment.length <= MAX_NAME_LENGTH && !isHexLike(segment) ? segment : '{id}';
    })
    .join('/');
}

/** An id written in letters only (`abcdef`) is still an id. */
function isHexLike(segment: string): boolean {
  return /^[a-f]{8,}$/i.test(segment);
}
