import type { Actor } from '../actor.js';
import type { AuditLog } from '../ports/audit-log.js';
import { UserFacingError } from '../user-facing-error.js';
import type { Membership } from './membership.js';
import type { PrincipalGrant } from './principal-grant.js';
import { ROLE_DESCRIPTIONS, ROLE_VARIABLES, ROLES, satisfies, type Requirement, type Role } from './roles.js';
import { inScope } from './scope-patterns.js';

export type RoleGrants = Readonly<Record<Role, readonly PrincipalGrant[]>>;

/** Whether the caller is someone the directory knows; anyone else is served help only. */
export type CallerStanding = 'known' | 'no identity' | 'unknown to the directory';

/** What one caller may do, decided on their Azure AD identity from the authenticated activity. */
export class CallerAccess {
  constructor(
    readonly actor: Actor,
    readonly roles: ReadonlySet<Role>,
    /** Patterns the caller's operator grants are limited to; undefined when one grant is unlimited. */
    readonly operatorScopes: readonly string[] | undefined,
    private readonly onRefusal: (what: string, reason: string) => Promise<void>,
    readonly standing: CallerStanding = 'known',
  ) {}

  may(needed: Requirement): boolean {
    return satisfies(this.roles, needed);
  }

  async require(needed: Requirement, what: string): Promise<void> {
    if (this.may(needed)) return;
    const role = needed as Role;
    if (this.standing === 'unknown to the directory') {
      await this.onRefusal(what, 'caller unknown to the directory');
      throw new UserFacingError(
        'The directory does not know you',
        `I could not find you in this tenant's Azure AD directory, so ${lowerFirst(what)} is not open to you; only help is.`,
        `Ask whoever runs AttachOps (an admin listed in ${ROLE_VARIABLES.admin}) to check your account in this tenant and add you, or a group you are in, to ${ROLE_VARIABLES[role]}.`,
      );
    }
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

  /** Never throws: a caller the directory cannot look up gets no role at all. */
  async accessOf(actor: Actor, conversationId?: string): Promise<CallerAccess> {
    let decided: { roles: Set<Role>; operatorScopes: string[] | undefined } | undefined;
    if (actor.aadObjectId && (await this.membership.knows(actor.aadObjectId))) {
      decided = await this.rolesOf(actor.aadObjectId).catch(() => undefined);
    }
    const roles = decided?.roles ?? new Set<Role>();
    if (decided) await this.noteChange(actor, roles, conversationId);
    const standing: CallerStanding = decided ? 'known' : actor.aadObjectId ? 'unknown to the directory' : 'no identity';
    return new CallerAccess(
      actor,
      roles,
      roles.has('operator') ? decided?.operatorScopes : [],
      (what, reason) =>
        this.audit
          .append({
            actor,
            action: 'access.refused',
            target: what,
            conversationId,
            details: { reason, roles: [...roles] },
          })
          .then(() => undefined),
      standing,
    );
  }

  private async rolesOf(userId: string): Promise<{ roles: Set<Role>; operatorScopes: string[] | undefined }> {
    const roles = new Set<Role>();
    let operatorScopes: string[] | undefined = [];
    for (const role of ROLES) {
      const matching = await this.membership.matchingGrants(userId, this.grants[role]);
      if (matching.length === 0) continue;
      roles.add(role);
      if (role === 'operator')
        operatorScopes = matching.some((grant) => grant.scopes.length === 0)
          ? undefined
          : matching.flatMap((grant) => grant.scopes);
    }
    return { roles, operatorScopes };
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

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
