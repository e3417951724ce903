import { CallerAccess } from '../../core/access/access-control.js';
import type { Actor } from '../../core/actor.js';
import type { Role } from '../../core/access/roles.js';

/** A caller with the given roles (and operator scopes; none means unlimited), for tests of commands in isolation. */
export function callerAccess(
  actor: Actor,
  roles: readonly Role[] = ['reader', 'operator'],
  operatorScopes?: readonly string[],
): CallerAccess {
  return new CallerAccess(actor, new Set(roles), operatorScopes, async () => undefined);
}
