import type { Result } from '../errors/gateway-error.js';
import type { ConfigMgrGateway } from '../ports/configmgr-gateway.js';
import { failedFact, type Fact, type PrerequisiteFacts, readFact, skippedFact } from '../prerequisites/facts.js';
import { fromGatewayError, fromThrown } from '../prerequisites/read-failure.js';
import type { RuleResult } from '../prerequisites/rule-result.js';
import { versionRulesOf } from '../prerequisites/evaluate-rules.js';
import { profileOrThrow } from '../policy/catalog/index.js';
import type { PolicyProfile } from '../policy/policy-draft.js';
import { UserFacingError } from '../user-facing-error.js';

const NOT_READ = 'Not needed to judge the site version.';

/**
 * A ConfigMgr profile needs a site that supports it (EDR: 2002 with KB4563473, or 2006; Antivirus: 2006). Uses the
 * prerequisite check's own version rules over the gateway's facts. A failing or unreadable site refuses; a verdict
 * that cannot be told (technical preview) or only deserves a look is returned as a note for the plan.
 */
export async function requireSiteSupports(
  gateway: ConfigMgrGateway,
  profile: PolicyProfile,
): Promise<string | undefined> {
  const definition = profileOrThrow(profile);
  const needsUpdates = definition.configMgrMinimum?.rule === 'edr' || definition.configMgrMinimum?.hotfix !== undefined;
  const [site, updates] = await Promise.all([
    readResult(() => gateway.getSiteInfo(), 'read the ConfigMgr site (SMS_Site)'),
    needsUpdates
      ? readResult(() => gateway.listUpdatePackages(), 'read the ConfigMgr updates (SMS_CM_UpdatePackages)')
      : Promise.resolve(skippedFact<never>(NOT_READ)),
  ]);
  const facts = versionFacts(site, updates);
  const verdicts = versionRulesOf(definition.id).map((rule) => rule(facts, 'report'));
  const failed = verdicts.find((verdict) => verdict.status === 'fail');
  if (failed) throw refusal(failed, definition.short);
  const unreadable = site.status === 'failed' || updates.status === 'failed';
  const unknown = verdicts.find((verdict) => verdict.status === 'unknown');
  if (unknown && unreadable)
    throw new UserFacingError('Cannot check the ConfigMgr site version', unknown.evidence, unknown.fix);
  const notes = verdicts.filter((verdict) => verdict.status !== 'pass').map((verdict) => verdict.evidence);
  return notes.length === 0 ? undefined : notes.join(' ');
}

function refusal(verdict: RuleResult, what: string): UserFacingError {
  return new UserFacingError(`The ConfigMgr site does not support ${what} policy`, verdict.evidence, verdict.fix);
}

/** Only `site` and `updates` matter to the version rules; the other facts are marked as not read. */
function versionFacts(site: PrerequisiteFacts['site'], updates: PrerequisiteFacts['updates']): PrerequisiteFacts {
  return {
    now: new Date(),
    requester: { name: 'AttachOps' },
    targetCollectionIds: [],
    site,
    updates,
    tenantAttach: skippedFact(NOT_READ),
    defender: skippedFact(NOT_READ),
    cloud: skippedFact(NOT_READ),
    globalAdministrator: skippedFact(NOT_READ),
    syncedCollections: skippedFact(NOT_READ),
    cloudSync: skippedFact(NOT_READ),
  };
}

async function readResult<T>(read: () => Promise<Result<T>>, what: string): Promise<Fact<T>> {
  try {
    const result = await read();
    return result.ok ? readFact(result.value) : failedFact(fromGatewayError(result.error, what));
  } catch (error) {
    return failedFact(fromThrown(error, what));
  }
}
