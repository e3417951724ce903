import { createHash } from 'node:crypto';
import type { PlanChange } from '../approvals/change-plan.js';
import { canonicalJson } from '../audit/canonical-json.js';
import type { ScopeTag } from '../ports/endpoint-security-policies.js';
import type { PolicyDraft } from '../policy/policy-draft.js';
import { describeScopeTags, normalizeScopeTagIds } from './scope-tags.js';
import { describeSettingValue, settingLabelsOf, settingsOf } from './setting-labels.js';

/** What makes two drafts the same policy content: names compare exactly, the implicit Default scope tag is explicit. */
function comparable(draft: PolicyDraft): Record<string, unknown> {
  return {
    kind: draft.kind,
    name: draft.name.trim(),
    description: draft.description.trim(),
    settings: settingsOf(draft),
    scopeTagIds: draft.scopeTagIds ? normalizeScopeTagIds(draft.scopeTagIds) : [],
  };
}

export function sameDraft(left: PolicyDraft, right: PolicyDraft): boolean {
  return canonicalJson(comparable(left)) === canonicalJson(comparable(right));
}

/** Deterministic for a draft, so planning the same request again gives the same plan (and plan hash). */
export function requestKeyOf(draft: PolicyDraft): string {
  return `pc-${createHash('sha256')
    .update(canonicalJson(comparable(draft)))
    .digest('hex')
    .slice(0, 16)}`;
}

/** One line per setting: everything configured for a new policy; for an existing one, what stays, changes or goes. */
export function settingChanges(wanted: PolicyDraft, existing: PolicyDraft | undefined): PlanChange[] {
  const after = settingsOf(wanted);
  if (existing === undefined) {
    return settingLabelsOf(wanted).flatMap(({ key, label }) =>
      after[key] === undefined ? [] : [{ action: 'create', subject: label, detail: describeSettingValue(after[key]) }],
    );
  }
  const before = settingsOf(existing);
  return settingLabelsOf(wanted).flatMap(({ key, label: subject }): PlanChange[] => {
    const [was, will] = [before[key], after[key]];
    if (was === undefined && will === undefined) return [];
    if (JSON.stringify(was) === JSON.stringify(will))
      return [{ action: 'no-op', subject, detail: `${describeSettingValue(will)} (unchanged)` }];
    const detail = `${describeSettingValue(was)} → ${describeSettingValue(will)}`;
    return [{ action: will === undefined ? 'remove' : 'update', subject, detail }];
  });
}

/** Name, description and scope tags of an existing policy that the replace would change. */
export function propertyChanges(wanted: PolicyDraft, existing: PolicyDraft, tags: readonly ScopeTag[]): PlanChange[] {
  const changes: PlanChange[] = [];
  if (wanted.name.trim() !== existing.name.trim())
    changes.push({ action: 'update', subject: 'Name', detail: `${existing.name} → ${wanted.name}` });
  if (wanted.description.trim() !== existing.description.trim()) {
    changes.push({
      action: 'update',
      subject: 'Description',
      detail: `${quoted(existing.description)} → ${quoted(wanted.description)}`,
    });
  }
  if (wanted.scopeTagIds && existing.scopeTagIds) {
    const [was, will] = [describeScopeTags(existing.scopeTagIds, tags), describeScopeTags(wanted.scopeTagIds, tags)];
    if (was !== will) changes.push({ action: 'update', subject: 'Scope tags', detail: `${was} → ${will}` });
  }
  return changes;
}

function quoted(text: string): string {
  return text.trim() === '' ? '(empty)' : `"${text.trim()}"`;
}
