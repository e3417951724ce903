import type { Clock } from '../ports/clock.js';
import type { Directory } from '../ports/directory.js';
import { isObjectId, type PrincipalGrant } from './principal-grant.js';

interface Cached<T> {
  readonly value: T;
  readonly at: number;
}

/**
 * Who belongs to which grant, through Azure AD transitive membership, cached for a short time so a removal
 * takes effect within the cache lifetime without a restart.
 */
export class Membership {
  private readonly groupsOfUser = new Map<string, Cached<ReadonlySet<string>>>();
  private readonly groupIdsByName = new Map<string, Cached<readonly string[]>>();

  constructor(
    private readonly directory: Directory,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /** The grants that include the user, in the order given. */
  async matchingGrants(userId: string, grants: readonly PrincipalGrant[]): Promise<PrincipalGrant[]> {
    const matches: PrincipalGrant[] = [];
    for (const grant of grants) {
      if (await this.includes(grant, userId)) matches.push(grant);
    }
    return matches;
  }

  async includes(grant: PrincipalGrant, userId: string): Promise<boolean> {
    if (grant.kind === 'user') return grant.ref.toLowerCase() === userId.toLowerCase();
    const [groups, wanted] = await Promise.all([this.groupsOf(userId), this.groupIds(grant.ref)]);
    return wanted.some((groupId) => groups.has(groupId.toLowerCase()));
  }

  /** Whether the directory can tell who the user is; any failure to look them up means it cannot. */
  async knows(userId: string): Promise<boolean> {
    try {
      await this.groupsOf(userId);
      return true;
    } catch {
      return false;
    }
  }

  /** Forgets everything, e.g. after the configuration changed. */
  clear(): void {
    this.groupsOfUser.clear();
    this.groupIdsByName.clear();
  }

  private async groupsOf(userId: string): Promise<ReadonlySet<string>> {
    return this.cached(this.groupsOfUser, userId.toLowerCase(), async () => {
      const ids = await this.directory.transitiveGroupIds(userId);
      return new Set(ids.map((id) => id.toLowerCase()));
    });
  }

  private async groupIds(ref: string): Promise<readonly string[]> {
    if (isObjectId(ref)) return [ref];
    return this.cached(this.groupIdsByName, ref.toLowerCase(), async () =>
      (await this.directory.findGroups(ref))
        .filter((group) => group.displayName.toLowerCase() === ref.toLowerCase())
        .map((group) => group.id),
    );
  }

  private async cached<T>(cache: Map<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock.now().getTime();
    const hit = cache.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    cache.set(key, { value, at: now });
    return value;
  }
}
