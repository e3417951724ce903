import type { IntuneAccessPolicy } from '../ports/intune-approvals.js';
import type { PrerequisiteFacts } from './facts.js';
import { unreadable, type RuleBase } from './rule-base.js';
import type { RuleResult } from './rule-result.js';

/** maa.md: the access-policy types whose writes AttachOps sends (configuration policies; endpoint security is [U]). */
const AFFECTING_ATTACHOPS = new Set(['configurationPolicy', 'endpointSecurityPolicy']);

/** The access policies that will hold a write AttachOps sends: they protect its workloads and do not exclude it. */
export function accessPoliciesHoldingAttachOps(policies: readonly IntuneAccessPolicy[]): IntuneAccessPolicy[] {
  return policies.filter((policy) => AFFECTING_ATTACHOPS.has(policy.policyType) && policy.excludesThisApp !== true);
}

const MAA: RuleBase = {
  id: 'intune.multi-admin-approval',
  area: 'Multi Admin Approval',
  title: 'Intune Multi Admin Approval (information)',
  /** The Intune page on access policies (maa.md cites it by title; this address is our reading [U]). */
  docLink: 'https://learn.microsoft.com/mem/intune/fundamentals/multi-admin-approval',
};

/**
 * Information, never a blocker: which workloads an access policy protects and what that means for AttachOps. An
 * exclusion of the bot's app is named as a weaker set-up, not as a fix. `undefined` when the tenant has no such port.
 */
export function multiAdminApprovalRule(facts: PrerequisiteFacts): RuleResult | undefined {
  const fact = facts.accessPolicies;
  if (fact === undefined) return undefined;
  if (fact.status !== 'read') return unreadable(MAA, fact);
  const policies = fact.value;
  if (policies.length === 0) {
    return { ...MAA, status: 'pass', evidence: 'No access policy protects any workload: Intune asks no second admin.' };
  }
  const workloads = [...new Set(policies.map((policy) => workloadWords(policy.policyType)))].join(', ');
  const relevant = policies.filter((policy) => AFFECTING_ATTACHOPS.has(policy.policyType));
  if (relevant.length === 0) {
    return {
      ...MAA,
      status: 'pass',
      evidence: `Access policies protect: ${workloads}. None of them covers the configuration policies AttachOps changes.`,
    };
  }
  const excluded = relevant.filter((policy) => policy.excludesThisApp === true);
  if (excluded.length === relevant.length) {
    return {
      ...MAA,
      status: 'warn',
      evidence: `Access policies protect: ${workloads}. AttachOps's app is excluded from ${names(excluded)}, so its changes skip Intune's second admin.`,
      fix: 'This is a weaker set-up, not a fix: an excluded app changes protected policies with one approval. Prefer removing the exclusion; AttachOps then waits for the Intune approval and shows it on the run card.',
    };
  }
  return {
    ...MAA,
    status: 'pass',
    evidence:
      `Access policies protect: ${workloads}. Policy creates, updates and assignments will need a second Intune admin ` +
      `(${approvers(relevant)}) after the Teams approval; the run card shows the Intune request and waits for it.`,
  };
}

/** `operationApprovalPolicy.policyType` in words (maa.md lists the values); an unknown one split into its words. */
const WORKLOAD_WORDS: Readonly<Record<string, string>> = {
  configurationPolicy: 'configuration policies',
  endpointSecurityPolicy: 'endpoint security policies',
  compliancePolicy: 'compliance policies',
  deviceConfiguration: 'device configuration profiles',
  app: 'apps',
  script: 'scripts',
  role: 'roles',
  deviceAction: 'device actions',
  deviceWipe: 'device wipes',
  deviceRetire: 'device retirements',
  deviceDelete: 'device deletions',
};

export function workloadWords(policyType: string): string {
  return (
    WORKLOAD_WORDS[policyType] ??
    policyType
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .trim()
  );
}

function names(policies: readonly IntuneAccessPolicy[]): string {
  return policies.map((policy) => policy.displayName).join(', ');
}

function approvers(policies: readonly IntuneAccessPolicy[]): string {
  const groups = [...new Set(policies.flatMap((policy) => policy.approverGroups))];
  return groups.length > 0 ? `approver group ${groups.join(', ')}` : 'the approver group could not be read';
}
