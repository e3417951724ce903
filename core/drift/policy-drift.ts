import type { NormalisedPolicy, NormalisedTarget } from './normalise-policy.js';

/** One difference between the approved baseline and the tenant: each is one line on the drift card. */
export type DriftItem =
  | { readonly kind: 'deleted' }
  | { readonly kind: 'renamed'; readonly approved: string; readonly now: string }
  | { readonly kind: 'description'; readonly approved: string; readonly now: string }
  | { readonly kind: 'scope-tags'; readonly approved: readonly string[]; readonly now: readonly string[] }
  | { readonly kind: 'setting'; readonly settingId: string; readonly approved?: string; readonly now?: string }
  | { readonly kind: 'target-added'; readonly target: NormalisedTarget }
  | { readonly kind: 'target-removed'; readonly target: NormalisedTarget }
  | { readonly kind: 'filter-changed'; readonly key: string; readonly approved: string; readonly now: string };

function keysOf(...records: readonly Readonly<Record<string, unknown>>[]): string[] {
  return [...new Set(records.flatMap((r) => Object.keys(r)))].sort();
}

/** What differs, in a stable order; `current` undefined means the policy is gone. Empty: no drift. */
export function policyDrift(baseline: NormalisedPolicy, current: NormalisedPolicy | undefined): DriftItem[] {
  if (current === undefined) return [{ kind: 'deleted' }];
  const items: DriftItem[] = [];
  if (baseline.name !== current.name) items.push({ kind: 'renamed', approved: baseline.name, now: current.name });
  if (baseline.description !== current.description) {
    items.push({ kind: 'description', approved: baseline.description, now: current.description });
  }
  if (baseline.scopeTags.join('\n') !== current.scopeTags.join('\n')) {
    items.push({ kind: 'scope-tags', approved: baseline.scopeTags, now: current.scopeTags });
  }
  for (const settingId of keysOf(baseline.settings, current.settings)) {
    const approved = baseline.settings[settingId];
    const now = current.settings[settingId];
    if (approved === now) continue;
    items.push({
      kind: 'setting',
      settingId,
      ...(approved === undefined ? {} : { approved }),
      ...(now === undefined ? {} : { now }),
    });
  }
  for (const key of keysOf(baseline.targets, current.targets)) {
    const approved = baseline.targets[key];
    const now = current.targets[key];
    if (approved === undefined && now !== undefined) items.push({ kind: 'target-added', target: now });
    else if (approved !== undefined && now === undefined) items.push({ kind: 'target-removed', target: approved });
    else if (approved !== undefined && now !== undefined && approved.filter !== now.filter) {
      items.push({ kind: 'filter-changed', key, approved: approved.filter, now: now.filter });
    }
  }
  return items;
}
