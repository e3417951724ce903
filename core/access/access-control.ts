import type { Actor } from '../actor.js';
import type { AuditLog } from '../ports/audit-log.js';
import { UserFacingError } from '../user-facing-error.js';
import type { Membership } from './membership.js';
import type { PrincipalGrant } from './principal-grant.js';
import { ROLE_DESCRIPTIONS, ROLE_VARIABLES, ROLES, satisfies, type Requirement, type Role } from './roles.js';
import { inScope } from './scope-patterns.js';

export type RoleGrants = Readonly<Record<Role, readonly PrincipalGrant[]>>;

/** What one caller may do, decided on their Azure AD identity from the authenticated activity. */
export class CallerAccess {
  constructor(
    readonly actor: Actor,
    readonly roles: ReadonlySet<Role>,
    /** Patterns the caller's operator grants are limited to; undefined when one grant is unlimited. */
    readonly operatorScopes: readonly string[] | undefined,
    private readonly onRefusal: (what: string, reason: string) => Promise<void>,
  ) {}

  may(needed: Requirement): boolean {
    return satisfies(this.roles, needed);
  }

  async require(needed: Requirement, what: string): Promise<void> {
    if (this.may(needed)) return;
    const role = needed as Role;
    await this.onRefusal(what, `missing role ${role}`);
    throw new UserFacingError(
      `${what} needs the ${role} role`,
      this.actor.aadObjectId
        ? `You do not hold the ${ROLE_DESCRIPTIONS[role]} role.`
        : 'Your message carried no Azure AD identity, so I can only show help.',
      `Ask whoever runs AttachOps to add you, or a group you are in, to ${ROLE_VARIABLES[role]}.`,
    );
  }

  /** Refuses targets outside the caller's operator scope; each target is given by all of its names. */
  async requireScope(targets: readonly (readonly string[])[], what: string): Promise<void> {
    const scopes = this.operatorScopes;
    if (scopes === undefined) return;
    const outside = targets.filter((aliases) => !inScope(scopes, aliases));
    if (outside.length === 0) return;
    const named = outside.map((aliases) => aliases.join(' / ')).join(', ');
    await this.onRefusal(what, `outside operator scope ${scopes.join('|')}: ${named}`);
    throw new UserFacingError(
      'Outside your scope',
      `Your operator role is limited to ${scopes.join(', ')}, and ${named} ${outside.length === 1 ? 'is' : 'are'} not.`,
      'Ask an operator with a wider scope, or whoever runs AttachOps to widen yours.',
    );
  }

  /** Tenant-wide changes (attach) need an operator grant that is not limited to some targets. */
  async requireUnlimited(what: string): Promise<void> {
    if (this.operatorScopes === undefined) return;
    await this.requireScope([['the whole hierarchy']], what);
  }
}

/** Maps people to roles through the configured grants and Azure AD transitive membership (cached). */
export class AccessControl {
  private readonly lastDecision = new Map<string, string>();

  constructor(
    private readonly membership: Membership,
    private readonly grants: RoleGrants,
    private readonly audit: AuditLog,
  ) {}

  async accessOf(actor: Actor, conversationId?: string): Promise<CallerAccess> {
    const roles = new Set<Role>();
    let operatorScopes: string[] | undefined = [];
    if (actor.aadObjectId) {
      for (const role of ROLES) {
        const matching = await this.membership.matchingGrants(actor.aadObjectId, this.grants[role]);
        if (matching.length === 0) continue;
        roles.add(role);
        if (role === 'operator')
          operatorScopes = matching.some((grant) => grant.scopes.length === 0)
            ? undefined
            : matching.flatMap((grant) => grant.scopes);
      }
      await this.noteChange(actor, roles, conversationId);
    }
    return new CallerAccess(actor, roles, roles.has('operator') ? operatorScopes : [], (what, reason) =>
      this.audit
        .append({
          actor,
          action: 'access.refused',
          target: what,
          conversationId,
          details: { reason, roles: [...roles] },
        })
        .then(() => undefined),
    );
  }

  private async noteChange(actor: Actor, roles: ReadonlySet<Role>, conversationId?: string): Promise<void> {
    const key = actor.aadObjectId ?? actor.channelUserId;
    const decision = [...roles].sort().join(',');
    const previous = this.lastDecision.get(key);
    this.lastDecision.set(key, decision);
    if (previous !== undefined && previous !== decision) {
      await this.audit.append({
        actor,
        action: 'access.changed',
        conversationId,
        details: { before: previous.split(',').filter(Boolean), after: [...roles] },
      });
    }
  }
}
