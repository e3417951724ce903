/** A user or group a role or approval right is granted to, as configured: object ids or display names. */
export interface PrincipalGrant {
  readonly kind: 'user' | 'group';
  /** An Azure AD object id, or for groups an exact display name. */
  readonly ref: string;
  /** Target patterns the grant is limited to (`PILOT-*`); empty means unlimited. */
  readonly scopes: readonly string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;

export function isObjectId(value: string): boolean {
  return GUID.test(value);
}

/**
 * Parses `group:AttachOps-Approvers, user:<object id>, group:AttachOps-Pilot[PILOT-*|SG-Pilot-*]`.
 * A bare object id is a user, a bare name a group. Returns the grants and a problem per unreadable entry.
 */
export function parsePrincipalGrants(text: string): { grants: PrincipalGrant[]; problems: string[] } {
  const grants: PrincipalGrant[] = [];
  const problems: string[] = [];
  for (const raw of splitEntries(text)) {
    const match = /^(?:(user|group):)?([^[\]]+?)(?:\[([^\]]*)\])?$/i.exec(raw);
    const ref = match?.[2]?.trim();
    if (!match || !ref) {
      problems.push(`"${raw}" is not user:<id>, group:<name or id>, optionally followed by [pattern|pattern]`);
      continue;
    }
    const kind = (match[1]?.toLowerCase() as 'user' | 'group' | undefined) ?? (isObjectId(ref) ? 'user' : 'group');
    if (kind === 'user' && !isObjectId(ref)) {
      problems.push(`"${raw}": users are given by Azure AD object id`);
      continue;
    }
    const scopes = (match[3] ?? '')
      .split('|')
      .map((scope) => scope.trim())
      .filter((scope) => scope !== '');
    grants.push({ kind, ref, scopes });
  }
  return { grants, problems };
}

function splitEntries(text: string): string[] {
  const entries: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '[') depth += 1;
    if (char === ']') depth = Math.max(0, depth - 1);
    if ((char === ',' || char === ';') && depth === 0) {
      entries.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  entries.push(current);
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}
