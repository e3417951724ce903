import type { ChangePlan, PlanChange, Planner } from '../approvals/change-plan.js';
import type { ScopeTag } from '../ports/endpoint-security-policies.js';
import type { PolicyDetails } from '../policy/managed-policy.js';
import { profileOrThrow } from '../policy/catalog/index.js';
import { targetSpec } from '../policy/catalog/profile-definition.js';
import { type PolicyDraft, parseDraft, policyKindOf } from '../policy/policy-draft.js';
import type { TenantServices } from '../tenant-services.js';
import { UserFacingError } from '../user-facing-error.js';
import { propertyChanges, requestKeyOf, sameDraft, settingChanges } from './draft-diff.js';
import { findOwnPolicy } from './own-policy.js';
import { type PolicyCreateIntent, policyCreateIntentSchema } from './policy-create-intent.js';
import { POLICY_STEP_KINDS, policyNameResource, policyResource, type PolicyCreateInput } from './policy-step-kinds.js';
import { describeScopeTags, matchScopeTags } from './scope-tags.js';
import { describeKind } from './setting-labels.js';
import { requireSiteSupports } from './site-version-gate.js';

export const POLICY_CREATE_PLANNER = 'policy-create';

/** `policy create`: a new policy, nothing when AttachOps already made an identical one, or a replace of its settings. */
export function createPolicyCreatePlanner(services: Pick<TenantServices, 'policies' | 'configMgr'>): Planner {
  return {
    kind: POLICY_CREATE_PLANNER,
    async plan(raw) {
      const intent = parseIntent(raw);
      const siteNote =
        intent.target === 'configmgr' ? await requireSiteSupports(services.configMgr, intent.profile) : undefined;
      const tags = intent.target === 'intune' ? await services.policies.listScopeTags() : [];
      const existing = await findOwnPolicy(services.policies, intent.name, policyKindOf(intent.target, intent.profile));
      const draft = buildDraft(intent, tags, existing?.draft);
      const input: PolicyCreateInput = { draft, requestKey: requestKeyOf(draft) };
      const changes = existing?.draft
        ? updateChanges(draft, { ...existing, draft: existing.draft }, tags)
        : createChanges(draft, tags, siteNote);
      const verb = changes[0]?.action === 'no-op' ? 'Keep' : existing ? 'Update' : 'Create';
      return {
        kind: POLICY_CREATE_PLANNER,
        title: `${verb} policy "${draft.name}" (${describeKind(draft.kind)})`,
        intent,
        changes,
        resources: existing
          ? [policyResource(existing.id), policyNameResource(draft.name)]
          : [policyNameResource(draft.name)],
        scopeTargets: [[draft.name]],
        steps: [
          { kind: POLICY_STEP_KINDS.create, title: `${existing ? 'Update' : 'Create'} policy ${draft.name}`, input },
        ],
      } satisfies ChangePlan;
    },
  };
}

function parseIntent(raw: unknown): PolicyCreateIntent {
  const parsed = policyCreateIntentSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`malformed policy-create intent: ${parsed.error.message}`);
  return parsed.data;
}

/** What was left out is taken from the existing policy: its description and scope tags stay as they are. */
function buildDraft(
  intent: PolicyCreateIntent,
  tags: readonly ScopeTag[],
  existing: PolicyDraft | undefined,
): PolicyDraft {
  const kind = policyKindOf(intent.target, intent.profile);
  const description = intent.description ?? existing?.description ?? '';
  const keptTags = existing?.scopeTagIds ? [...existing.scopeTagIds] : [];
  const scopeTagIds = intent.scopeTags === undefined ? keptTags : matchScopeTags(tags, intent.scopeTags);
  const candidate = {
    kind,
    profile: intent.profile,
    target: intent.target,
    name: intent.name,
    description,
    settings: intent.settings,
  };
  const parsed = parseDraft(intent.target === 'intune' ? { ...candidate, scopeTagIds } : candidate);
  if (!parsed.success) {
    throw new UserFacingError(
      'These settings do not fit this policy',
      parsed.error.issues.map((issue) => issue.message).join('\n'),
      `Type help policy create ${intent.profile} to see the options of this profile.`,
    );
  }
  return parsed.data;
}

function createChanges(draft: PolicyDraft, tags: readonly ScopeTag[], siteNote: string | undefined): PlanChange[] {
  const policy: PlanChange = {
    action: 'create',
    subject: draft.name,
    detail: [describeKind(draft.kind), siteNote].filter(Boolean).join(' · '),
  };
  const description: PlanChange[] =
    draft.description.trim() === ''
      ? []
      : [{ action: 'create', subject: 'Description', detail: draft.description.trim() }];
  const scopeTags: PlanChange[] =
    draft.scopeTagIds !== undefined
      ? [{ action: 'create', subject: 'Scope tags', detail: describeScopeTags(draft.scopeTagIds, tags) }]
      : [];
  const profile = profileOrThrow(draft.profile);
  const spec = targetSpec(profile, draft.target);
  const onboarding: PlanChange[] = spec?.planNote ? [{ action: 'create', ...spec.planNote }] : [];
  const preview: PlanChange[] = spec?.preview
    ? [
        {
          action: 'create',
          subject: 'Preview',
          detail: `Microsoft marks the ${profile.title} profile preview for this target`,
        },
      ]
    : [];
  const hotfix: PlanChange[] =
    draft.target === 'configmgr' && profile.configMgrMinimum?.hotfix
      ? [
          {
            action: 'create',
            subject: 'ConfigMgr hotfix',
            detail: `on current branch 2006 the site also needs ${profile.configMgrMinimum.hotfix}; checked with the site version`,
          },
        ]
      : [];
  return [
    policy,
    ...preview,
    ...hotfix,
    ...description,
    ...scopeTags,
    ...onboarding,
    ...settingChanges(draft, undefined),
  ];
}

function updateChanges(
  draft: PolicyDraft,
  existing: PolicyDetails & { draft: PolicyDraft },
  tags: readonly ScopeTag[],
): PlanChange[] {
  if (sameDraft(draft, existing.draft)) {
    return [
      {
        action: 'no-op',
        subject: draft.name,
        detail: `AttachOps already made this policy with these settings (${existing.id})`,
      },
      ...settingChanges(draft, existing.draft),
    ];
  }
  const dropped: PlanChange[] = existing.unmodelledSettingIds.map((id) => ({
    action: 'remove',
    subject: `Setting ${id}`,
    detail: 'configured outside AttachOps; replacing the settings removes it',
  }));
  return [
    {
      action: 'update',
      subject: draft.name,
      detail: `replaces every setting of the policy AttachOps made (${existing.id})`,
    },
    ...propertyChanges(draft, existing.draft, tags),
    ...settingChanges(draft, existing.draft),
    ...dropped,
  ];
}
