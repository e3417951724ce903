import type { AdminServiceRequest } from '../../adapters/adminservice/transport.js';

/** `https://<provider>/AdminService` + path + query; OData keys (`$filter`) stay literal, values are encoded. */
export function adminServiceUrl(baseUrl: string, request: Pick<AdminServiceRequest, 'path' | 'query'>): string {
  const query = Object.entries(request.query ?? {})
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  const path = request.path
    .split('/')
    .map((segment) => encodeURI(segment))
    .join('/');
  return `${baseUrl.replace(/\/+$/, '')}${path}${query ? `?${query}` : ''}`;
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]],
    ),
  );
}
