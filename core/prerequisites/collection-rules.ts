import { sameCollectionId } from './candidate-collections.js';
import { DOC_LINKS } from './doc-links.js';
import type { CollectionCloudSync, PrerequisiteFacts } from './facts.js';
import { unreadable, type RuleBase } from './rule-base.js';
import type { RuleResult } from './rule-result.js';
import { beforeTenantAttach, CONFIGURE_UPLOAD_PATH } from './tenant-attach-rules.js';

const IN_SCOPE: RuleBase = {
  id: 'collections.in-upload-scope',
  area: 'Collections',
  title: 'Collections are in the upload scope',
  docLink: DOC_LINKS.selectCollections,
};
const SYNCED: RuleBase = {
  id: 'collections.synced',
  area: 'Collections',
  title: 'Collections are synced to Intune',
  docLink: DOC_LINKS.selectCollections,
};
const ENABLED: RuleBase = {
  id: 'collections.enabled',
  area: 'Collections',
  title: 'Collections are enabled for endpoint security policies',
  docLink: DOC_LINKS.enableCollections,
};

const SYNC_WAIT = 'ConfigMgr uploads every 15 minutes, and Intune shows the result 5 to 10 minutes later.';

export function collectionsInScopeRule(facts: PrerequisiteFacts): RuleResult {
  const notYet = beforeTenantAttach(IN_SCOPE, facts);
  if (notYet) return notYet;
  const scope =
    facts.tenantAttach.status === 'read' ? facts.tenantAttach.value.uploadScope : { kind: 'unknown' as const };
  if (scope.kind === 'all')
    return {
      ...IN_SCOPE,
      status: 'pass',
      evidence: 'Every device collection is in the upload scope (all devices are uploaded).',
    };
  if (scope.kind === 'unknown')
    return {
      ...IN_SCOPE,
      status: 'unknown',
      evidence: 'The upload scope is unknown.',
      fix: `Check the device upload setting in ${CONFIGURE_UPLOAD_PATH}.`,
    };
  const checked =
    facts.cloudSync.status === 'read'
      ? facts.cloudSync.value.map((entry) => entry.collectionId)
      : facts.targetCollectionIds;
  const outside = checked.filter((id) => !sameCollectionId(id, scope.collectionId));
  if (outside.length === 0)
    return {
      ...IN_SCOPE,
      status: 'pass',
      evidence: `The upload scope is collection ${scope.collectionId}, which holds the collections checked.`,
    };
  return {
    ...IN_SCOPE,
    status: 'fail',
    evidence: `${listIds(outside)} ${outside.length === 1 ? 'is' : 'are'} outside the upload scope: only ${scope.collectionId} is uploaded.`,
    fix: `In ${CONFIGURE_UPLOAD_PATH}, choose All my devices managed by Microsoft Endpoint Configuration Manager, or a collection that holds these devices, then Apply.`,
  };
}

export function collectionsSyncedRule(facts: PrerequisiteFacts): RuleResult {
  const notYet = beforeTenantAttach(SYNCED, facts);
  if (notYet) return notYet;
  if (facts.syncedCollections.status !== 'read') return unreadable(SYNCED, facts.syncedCollections);
  const { items, truncated } = facts.syncedCollections.value;
  const syncedIds = items.map((collection) => collection.collectionId);
  const fix = `Select the collections in ${CONFIGURE_UPLOAD_PATH}, then wait for the next upload: ${SYNC_WAIT}`;
  if (facts.targetCollectionIds.length === 0) {
    if (items.length === 0)
      return { ...SYNCED, status: 'fail', evidence: 'Intune lists no collections synced from ConfigMgr.', fix };
    return {
      ...SYNCED,
      status: 'pass',
      evidence: `Intune lists ${items.length}${truncated ? '+' : ''} synced ${items.length === 1 && !truncated ? 'collection' : 'collections'}: ${listIds(items.map((collection) => collection.displayName || collection.collectionId))}.`,
    };
  }
  const missing = facts.targetCollectionIds.filter((id) => !syncedIds.some((synced) => sameCollectionId(synced, id)));
  if (missing.length === 0)
    return { ...SYNCED, status: 'pass', evidence: `Intune lists ${listIds(facts.targetCollectionIds)} as synced.` };
  if (truncated)
    return {
      ...SYNCED,
      status: 'unknown',
      evidence: `${listIds(missing)} not among the first ${items.length} synced collections Intune listed.`,
      fix,
    };
  return {
    ...SYNCED,
    status: 'fail',
    evidence: `Intune does not list ${listIds(missing)} as synced from ConfigMgr.`,
    fix,
  };
}

export function collectionsEnabledRule(facts: PrerequisiteFacts): RuleResult {
  const notYet = beforeTenantAttach(ENABLED, facts);
  if (notYet) return notYet;
  if (facts.cloudSync.status !== 'read') return unreadable(ENABLED, facts.cloudSync);
  const entries = facts.cloudSync.value;
  if (entries.length === 0) {
    return {
      ...ENABLED,
      status: 'unknown',
      evidence: 'No synced collection to check yet.',
      fix: `Select collections to sync first. ${SYNC_WAIT}`,
    };
  }
  const enabled = idsWhere(
    entries,
    (entry) => entry.cloudSync.status === 'read' && entry.cloudSync.value.endpointSecurityEnabled === true,
  );
  const disabled = idsWhere(
    entries,
    (entry) => entry.cloudSync.status === 'read' && entry.cloudSync.value.endpointSecurityEnabled === false,
  );
  const unclear = entries.filter(
    (entry) => entry.cloudSync.status !== 'read' || entry.cloudSync.value.endpointSecurityEnabled === 'unknown',
  );
  const explicit = facts.targetCollectionIds.length > 0;
  const fix = `From a Configuration Manager console connected to the top-level site, open the Properties of ${listIds(disabled)}, and on the Cloud Sync tab select Make this collection available to assign Endpoint security policies from Microsoft Endpoint Manager admin center, then OK.`;
  const notEnabled = disabled.length > 0 ? `; not enabled: ${listIds(disabled)}` : '';
  if (disabled.length > 0 && (explicit || enabled.length === 0)) {
    return {
      ...ENABLED,
      status: 'fail',
      evidence: `Cloud Sync endpoint security is off for ${listIds(disabled)}.`,
      fix,
    };
  }
  const firstUnclear = unclear[0];
  if (firstUnclear && (explicit || enabled.length === 0)) {
    const failure = firstUnclear.cloudSync.status === 'failed' ? firstUnclear.cloudSync.failure : undefined;
    return {
      ...ENABLED,
      status: 'unknown',
      evidence:
        failure?.reason ??
        `ConfigMgr does not show whether ${firstUnclear.collectionId} is enabled for endpoint security policies.`,
      fix: failure?.fix ?? `Check the Cloud Sync tab of ${firstUnclear.collectionId} in the console.`,
    };
  }
  return {
    ...ENABLED,
    status: 'pass',
    evidence: `Enabled for endpoint security policies: ${listIds(enabled)}${notEnabled}.`,
  };
}

function idsWhere(
  entries: readonly CollectionCloudSync[],
  predicate: (entry: CollectionCloudSync) => boolean,
): string[] {
  return entries.filter(predicate).map((entry) => entry.collectionId);
}

const LISTED_IDS = 5;

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED_IDS).join(', ');
  return ids.length > LISTED_IDS ? `${shown} and ${ids.length - LISTED_IDS} more` : shown;
}
