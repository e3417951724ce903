import { DOC_LINKS } from './doc-links.js';
import type { PrerequisiteFacts } from './facts.js';
import { unreadable, type RuleBase } from './rule-base.js';
import type { RuleResult } from './rule-result.js';

/**
 * A connector whose last heartbeat is older than this is reported as a warning. graph-intune.md §2.3 says the pass
 * rule needs a "recent" heartbeat and marks that [INFERRED]; a day is our reading of "recent".
 */
export const DEFENDER_HEARTBEAT_MAX_AGE_HOURS = 24;

const DEFENDER: RuleBase = {
  id: 'defender.connector',
  area: 'Defender for Endpoint',
  title: 'Defender for Endpoint is connected to Intune',
  docLink: DOC_LINKS.policyRequirements,
};

const CONNECT_FIX =
  'In the Microsoft Defender portal go to Settings > Endpoints > Advanced features and turn on Microsoft Intune connection; ' +
  'then in the Intune admin center go to Endpoint security > Microsoft Defender for Endpoint, turn on Connect Windows devices version 10.0.15063 and above to Microsoft Defender for Endpoint, and save.';

export function defenderRule(facts: PrerequisiteFacts): RuleResult {
  const fact = facts.defender;
  if (fact.status !== 'read') return unreadable(DEFENDER, fact);
  const connector = fact.value;
  if (connector === 'not-configured')
    return {
      ...DEFENDER,
      status: 'fail',
      evidence: 'Intune has no Microsoft Defender for Endpoint connector.',
      fix: CONNECT_FIX,
    };
  const state = `The connector's partner state is ${connector.partnerState}`;
  if (connector.partnerState === 'unknown') {
    return {
      ...DEFENDER,
      status: 'unknown',
      evidence: `${state}: Graph reported a value AttachOps does not know.`,
      fix: 'Open Endpoint security > Microsoft Defender for Endpoint in the Intune admin center and check the connection status.',
    };
  }
  if (connector.partnerState === 'unresponsive') {
    return {
      ...DEFENDER,
      status: 'warn',
      evidence: `${state}: the connection is set up but Defender has stopped answering Intune.`,
      fix: `Check the connection status, then toggle it off and on. ${CONNECT_FIX}`,
    };
  }
  if (connector.partnerState !== 'enabled') {
    return {
      ...DEFENDER,
      status: 'fail',
      evidence: `${state}: the Microsoft Intune connection is not turned on.`,
      fix: CONNECT_FIX,
    };
  }
  if (!connector.windowsEnabled) {
    return {
      ...DEFENDER,
      status: 'warn',
      evidence: `${state}, but Windows devices are not connected to Defender for Endpoint.`,
      fix: CONNECT_FIX,
    };
  }
  return heartbeatVerdict(connector.lastHeartbeat, facts.now, state);
}

function heartbeatVerdict(lastHeartbeat: Date | undefined, now: Date, state: string): RuleResult {
  if (lastHeartbeat === undefined) {
    return {
      ...DEFENDER,
      status: 'warn',
      evidence: `${state}, but it has never reported a heartbeat.`,
      fix: 'Wait for the first heartbeat (it can take a few hours after connecting), then check again.',
    };
  }
  const ageHours = (now.getTime() - lastHeartbeat.getTime()) / 3_600_000;
  const seen = `last heartbeat ${lastHeartbeat.toISOString()}`;
  if (ageHours > DEFENDER_HEARTBEAT_MAX_AGE_HOURS) {
    return {
      ...DEFENDER,
      status: 'warn',
      evidence: `${state}, but the ${seen} is ${Math.floor(ageHours)} hours old (more than ${DEFENDER_HEARTBEAT_MAX_AGE_HOURS}).`,
      fix: `Check the connection status in Endpoint security > Microsoft Defender for Endpoint; if it stays stale, toggle the connection. ${CONNECT_FIX}`,
    };
  }
  return { ...DEFENDER, status: 'pass', evidence: `${state}, Windows devices are connected, ${seen}.` };
}
