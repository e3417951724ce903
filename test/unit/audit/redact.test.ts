import { describe, expect, it } from 'vitest';
import { redact } from '../../../core/audit/redact.js';

describe('redact', () => {
  it('drops members whose names look secret, at any depth and inside arrays', () => {
    const details = {
      policy: 'Firewall baseline',
      clientSecret: 's3cr3t',
      request: {
        headers: { Authorization: 'Bearer abc', accept: 'json' },
        accessToken: 'tok',
        body: { PASSWORD: 'p' },
      },
      attempts: [{ refresh_token: 'r', at: 1 }, 'plain'],
    };
    expect(redact(details)).toEqual({
      policy: 'Firewall baseline',
      request: { headers: { accept: 'json' }, body: {} },
      attempts: [{ at: 1 }, 'plain'],
    });
  });

  it('leaves the input untouched', () => {
    const details = { token: 't', nested: { password: 'p' } };
    redact(details);
    expect(details).toEqual({ token: 't', nested: { password: 'p' } });
  });
});
