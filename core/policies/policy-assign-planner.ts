import type { ChangePlan, PlanChange, Planner } from '../approvals/change-plan.js';
import { type AssignmentFilterRef, type AssignmentTarget, sameTarget } from '../policy/assignment-target.js';
import type { PolicyDetails } from '../policy/managed-policy.js';
import type { TenantServices } from '../tenant-services.js';
import { UserFacingError } from '../user-facing-error.js';
import { COLLECTION_ID_PATTERN } from '../workflow/resolve-collection.js';
import { resolveCollectionTargets } from './collection-targets.js';
import { chooseFilter, describeFilter, type FilterNames, filterNames, readFilters } from './assignment-filters.js';
import { describeTargets } from './describe-targets.js';
import { resolvePolicy } from './find-policy.js';
import { resolveGroupTargets } from './group-targets.js';
import { targetAliases, type PlannedTarget } from './planned-target.js';
import { type PolicyAssignIntent, policyAssignIntentSchema } from './policy-assign-intent.js';
import { POLICY_STEP_KINDS, policyResource } from './policy-step-kinds.js';

export const POLICY_ASSIGN_PLANNER = 'policy-assign';

export type AssignServices = Pick<TenantServices, 'policies' | 'directory' | 'configMgr' | 'intuneCollections'>;

/**
 * `assign`: Graph's assign action replaces the whole set, so the plan reads what the policy has, keeps all of it and
 * adds the new targets; the step carries the final set.
 */
export function createPolicyAssignPlanner(services: AssignServices): Planner {
  return {
    kind: POLICY_ASSIGN_PLANNER,
    async plan(raw) {
      const intent = parseIntent(raw);
      const { policy, current, added, names } = await resolveAssignment(services, intent);
      const finalSet: AssignmentTarget[] = [...policy.assignments, ...added.map((planned) => planned.target)];
      return {
        kind: POLICY_ASSIGN_PLANNER,
        title: `Assign "${policy.name}" (${added.length} new ${added.length === 1 ? 'target' : 'targets'}, ${finalSet.length} in all)`,
        intent,
        changes: [
          ...current.map((planned) => line('keep', planned, names)),
          ...added.map((planned) => line('add', planned, names)),
        ],
        resources: [policyResource(policy.id)],
        scopeTargets: [[policy.name], ...added.map(targetAliases)],
        steps: [
          {
            kind: POLICY_STEP_KINDS.assign,
            title: `Assign ${policy.name}`,
            input: { policyId: policy.id, targets: finalSet },
          },
        ],
      } satisfies ChangePlan;
    },
  };
}

/** What one `assign` would do: the policy as read, what it keeps, and the targets it adds (filter applied). */
export interface ResolvedAssignment {
  readonly policy: PolicyDetails;
  readonly current: readonly PlannedTarget[];
  readonly added: readonly PlannedTarget[];
  readonly names: FilterNames;
}

/** Reads the policy and resolves the targets of an `assign` intent, refusing what `assign` refuses (rollout reuses it). */
export async function resolveAssignment(
  services: AssignServices,
  intent: PolicyAssignIntent,
): Promise<ResolvedAssignment> {
  const early = startCollectionsEarly(services, intent);
  const policy = await resolvePolicy(
    services.policies,
    intent.policy,
    (id) => `assign ${id} --to ${intent.to.join(',')}`,
  );
  const [filters, wantedTargets, current] = await Promise.all([
    readFilters(services.policies, policy.assignments, intent),
    resolveWanted(services, policy, intent, early),
    describeTargets(services, policy.assignments),
  ]);
  const filter = chooseFilter(filters, intent);
  const wanted = dedupe(wantedTargets).map((planned) => withFilter(planned, filter));
  refuseContradictions(wanted, current);
  const added = wanted.filter((planned) => !current.some((existing) => sameTarget(existing.target, planned.target)));
  return { policy, current, added, names: filterNames(filters) };
}

function parseIntent(raw: unknown): PolicyAssignIntent {
  const parsed = policyAssignIntentSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`malformed policy-assign intent: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * When every --to is a collection ID the targets are almost surely collections: resolve them while the policy is
 * still being read. Used only if the policy turns out to be a ConfigMgr one; its failure is reported only then.
 */
function startCollectionsEarly(
  services: AssignServices,
  intent: PolicyAssignIntent,
): Promise<PlannedTarget[]> | undefined {
  if (intent.to.length === 0 || !intent.to.every((text) => COLLECTION_ID_PATTERN.test(text.trim()))) return undefined;
  const early = resolveCollectionTargets(services, intent.to, `assign "${intent.policy}" --to`);
  early.catch(() => undefined);
  return early;
}

async function resolveWanted(
  services: AssignServices,
  policy: PolicyDetails,
  intent: PolicyAssignIntent,
  early: Promise<PlannedTarget[]> | undefined,
): Promise<PlannedTarget[]> {
  if (policy.kind === undefined) {
    throw new UserFacingError(
      'Not a profile AttachOps knows',
      `"${policy.name}" is an endpoint security policy of another profile; AttachOps assigns the profiles of its catalog only (help policy create).`,
      'Assign it in the Microsoft Intune admin center.',
    );
  }
  if (policy.kind.startsWith('configmgr')) {
    if (intent.exclude.length > 0) {
      throw new UserFacingError(
        '--exclude is not supported for collections',
        `"${policy.name}" is a ConfigMgr policy: it is assigned to ConfigMgr collections, and collection assignments have no exclusions.`,
        'Leave out --exclude; to keep devices out, assign a collection that does not contain them (for example one with an exclude rule in ConfigMgr).',
      );
    }
    return early ?? resolveCollectionTargets(services, intent.to, `assign "${policy.name}" --to`);
  }
  const included = await resolveGroupTargets(services.directory, intent.to, 'group', '--to');
  const excluded = await resolveGroupTargets(services.directory, intent.exclude, 'exclude-group', '--exclude');
  return [...included, ...excluded];
}

/** A group cannot be both included and excluded, whether by this request or by what the policy already has. */
function refuseContradictions(wanted: readonly PlannedTarget[], current: readonly PlannedTarget[]): void {
  const groupOf = (target: AssignmentTarget): string | undefined =>
    target.kind === 'group' || target.kind === 'exclude-group' ? target.groupId : undefined;
  const all = [...current, ...wanted];
  for (const planned of wanted) {
    const clash = all.find(
      (other) =>
        groupOf(other.target) !== undefined &&
        groupOf(other.target) === groupOf(planned.target) &&
        other.target.kind !== planned.target.kind,
    );
    if (clash) {
      throw new UserFacingError(
        'A group cannot be both included and excluded',
        `${planned.label} would be included and excluded at once (${current.includes(clash) ? 'the policy already has it as ' + clash.label : 'both --to and --exclude name it'}).`,
        'Name the group in only one of --to and --exclude; AttachOps never removes an assignment, so change an existing one in the admin center.',
      );
    }
  }
}

function dedupe(targets: readonly PlannedTarget[]): PlannedTarget[] {
  return targets.filter(
    (planned, index) => targets.findIndex((other) => sameTarget(other.target, planned.target)) === index,
  );
}

/** The filter applies to the included targets the request adds; an excluded group takes no filter. */
function withFilter(planned: PlannedTarget, filter: AssignmentFilterRef | undefined): PlannedTarget {
  if (filter === undefined || planned.target.kind === 'exclude-group') return planned;
  return { ...planned, target: { ...planned.target, filter } };
}

export function line(action: 'keep' | 'add', planned: PlannedTarget, names: FilterNames): PlanChange {
  const excluded = planned.target.kind === 'exclude-group';
  const detail =
    action === 'keep'
      ? excluded
        ? 'stays excluded'
        : 'stays assigned'
      : excluded
        ? 'excluded from now on'
        : 'newly assigned';
  const filter = describeFilter(planned.target.filter, names);
  return {
    action,
    subject: planned.label,
    detail: filter === '' ? detail : `${detail}, ${filter}`,
    ...(planned.devices === undefined ? {} : { devices: planned.devices }),
  };
}
