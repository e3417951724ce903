import { randomBytes } from 'node:crypto';

export const TOKEN_LIFETIME_SECONDS = 3599;

/**
 * Access tokens the sandbox issued. Expiry runs on real time, not the simulated clock, so advancing the clock never
 * invalidates a token MSAL has cached (MSAL also judges expiry by real time).
 */
export class TokenStore {
  private readonly tokens = new Map<string, { expiresAtMs: number; roles: readonly string[] }>();

  issue(claims: Record<string, unknown>): { token: string; expiresIn: number } {
    const now = Math.floor(Date.now() / 1000);
    const payload = { ...claims, iat: now, nbf: now, exp: now + TOKEN_LIFETIME_SECONDS };
    const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${encode({ typ: 'JWT', alg: 'none', kid: 'sandbox' })}.${encode(payload)}.${randomBytes(32).toString('base64url')}`;
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((role) => typeof role === 'string') : [];
    this.tokens.set(token, { expiresAtMs: (now + TOKEN_LIFETIME_SECONDS) * 1000, roles });
    return { token, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  check(authorization: string | undefined): 'ok' | 'missing' | 'invalid' | 'expired' {
    if (!authorization) return 'missing';
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return 'invalid';
    const issued = this.tokens.get(match[1] as string);
    if (issued === undefined) return 'invalid';
    return Date.now() < issued.expiresAtMs ? 'ok' : 'expired';
  }

  /** The `roles` claim (application permissions) of the bearer token; empty for a token the sandbox did not issue. */
  rolesOf(authorization: string | undefined): readonly string[] {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    return (match && this.tokens.get(match[1] as string)?.roles) ?? [];
  }

  /** Test hook: make every issued token expired. */
  expireAll(): void {
    for (const [key, issued] of this.tokens) this.tokens.set(key, { ...issued, expiresAtMs: 0 });
  }
}
