import type { FetchJson } from '../../adapters/graph/oidc-cloud-environment.js';

/** Plain GET for public metadata documents (no token). */
export const fetchJson: FetchJson = async (url) => {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  try {
    return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
  } catch {
    return { status: response.status, json: undefined };
  }
};
