import { describe, expect, it } from 'vitest';
import { parseServiceError } from '../../adapters/graph/graph-error-body.js';

describe('Graph error bodies', () => {
  it('reads code, message and request id', () => {
    const facts = parseServiceError({
      error: { code: 'BadRequest', message: 'Invalid filter clause', innerError: { 'request-id': 'r-1', date: 'x' } },
    });
    expect(facts).toEqual({ serviceCode: 'BadRequest', serviceMessage: 'Invalid filter clause', requestId: 'r-1' });
  });

  it('unwraps the JSON Intune nests in message, with its Activity ID (graph-intune.md §7.4)', () => {
    const nested = JSON.stringify({
      _version: 3,
      Message:
        'An internal server error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 7b0b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b - Url: https://fef.msua06.manage.microsoft.com/x',
      CustomApiErrorPhrase: '',
      RetryAfter: null,
    });
    const facts = parseServiceError({ error: { code: 'InternalServerError', message: nested } });
    expect(facts.serviceMessage).toMatch(/^An internal server error has occurred/);
    expect(facts.activityId).toBe('7b0b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b');
  });

  it('returns nothing for bodies that are not OData errors', () => {
    expect(parseServiceError('<html>')).toEqual({});
    expect(parseServiceError(undefined)).toEqual({});
  });
});
