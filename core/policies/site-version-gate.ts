import type { Result } from '../errors/gateway-error.js';
import type { ConfigMgrGateway } from '../ports/configmgr-gateway.js';
import { failedFact, type Fact, type PrerequisiteFacts, readFact, skippedFact } from '../prerequisites/facts.js';
import { fromGatewayError, fromThrown } from '../prerequisites/read-failure.js';
import type { RuleResult } from '../prerequisites/rule-result.js';
import { edrVersionRule, release2006Rule } from '../prerequisites/version-rules.js';
import { DOC_LINKS } from '../prerequisites/doc-links.js';
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
  const rule = definition.configMgrMinimum?.rule ?? '2006';
  const [site, updates] = await Promise.all([
    readResult(() => gateway.getSiteInfo(), 'read the ConfigMgr site (SMS_Site)'),
    rule === 'edr'
      ? readResult(() => gateway.listUpdatePackages(), 'read the ConfigMgr updates (SMS_CM_UpdatePackages)')
      : Promise.resolve(skippedFact<never>(NOT_READ)),
  ]);
  const facts = versionFacts(site, updates);
  const verdict =
    rule === 'edr'
      ? edrVersionRule(facts)
      : release2006Rule(
          {
            id: `configmgr.version.${definition.id}`,
            area: 'ConfigMgr version',
            title: `ConfigMgr version supports ${definition.short} policy`,
            docLink: DOC_LINKS.policyRequirements,
          },
          definition.short,
          facts,
        );
  if (verdict.status === 'fail') throw refusal(verdict, definition.short);
  const unreadable = site.status === 'failed' || updates.status === 'failed';
  if (verdict.status === 'unknown' && unreadable)
    throw new UserFacingError('Cannot check the ConfigMgr site version', verdict.evidence, verdict.fix);
  return verdict.status === 'pass' ? undefined : verdict.evidence;
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
