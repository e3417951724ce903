import type { MaaDialect, ScenarioName } from '../constants.js';

export type PartnerState = 'enabled' | 'available' | 'unresponsive';
export type AzureEnvironmentName = 'AzurePublicCloud' | 'AzureUSGovernmentCloud';
export type HotfixState = 'absent' | 'downloaded' | 'installed';

export interface ScenarioFacts {
  readonly buildNumber: number;
  /** The current branch release the site's installed update names ("Configuration Manager 2303"). */
  readonly release: string;
  readonly fullVersion: string;
  readonly hotfix: HotfixState;
  readonly classNamesCaseSensitive: boolean;
  readonly environment: AzureEnvironmentName;
  readonly connectorState: PartnerState;
  readonly connectorHeartbeatAgeSeconds: number;
  readonly alexIsGlobalAdmin: boolean;
  readonly attached: boolean;
  /** Attached scenarios: whether the site also has co-management (every client co-managed). */
  readonly coManagement: boolean;
  readonly enabledCollectionIds: readonly string[];
  /** An EDR policy made in the admin center whose assignment uses a filter (world/portal-policies.ts). */
  readonly portalPolicy: boolean;
  readonly size: 'demo' | 'large';
  /** Intune Multi Admin Approval access policies (`operationApprovalPolicy.policyType`); empty: nothing protected. */
  readonly maaProtectedPolicyTypes: readonly string[];
  /** How Multi Admin Approval answers (`SANDBOX_MAA_DIALECT` overrides it): see sandbox/README.md. */
  readonly maaDialect: MaaDialect;
}

const current: ScenarioFacts = {
  buildNumber: 9106,
  release: '2303',
  fullVersion: '5.00.9106.1000',
  hotfix: 'absent',
  classNamesCaseSensitive: false,
  environment: 'AzurePublicCloud',
  connectorState: 'enabled',
  connectorHeartbeatAgeSeconds: 600,
  alexIsGlobalAdmin: true,
  attached: false,
  coManagement: true,
  enabledCollectionIds: [],
  portalPolicy: false,
  size: 'demo',
  maaProtectedPolicyTypes: [],
  maaDialect: 'doc',
};

const cb2002: ScenarioFacts = {
  ...current,
  buildNumber: 8968,
  release: '2002',
  fullVersion: '5.00.8968.1000',
  classNamesCaseSensitive: true,
};

/**
 * `mde-off`: the connector exists but the Intune connection was never switched on in the Defender portal, so the
 * partner state is `available` and the last heartbeat is 30 days old (graph-intune.md §2.3: the pass rule is
 * `partnerState == enabled` with a recent heartbeat; a never-configured connector would 404, which `available` models
 * more usefully because the bot can tell the user exactly which toggle is off).
 */
const MDE_OFF_HEARTBEAT_AGE_SECONDS = 30 * 24 * 3600;

/** `ready`, with configuration policies protected by Multi Admin Approval (approvers: Intune-MAA-Approvers). */
const MAA: ScenarioFacts = {
  ...current,
  attached: true,
  enabledCollectionIds: ['PS100015', 'PS100042'],
  portalPolicy: true,
  maaProtectedPolicyTypes: ['configurationPolicy'],
};

export const SCENARIOS: Readonly<Record<ScenarioName, ScenarioFacts>> = {
  fresh: current,
  ready: { ...current, attached: true, enabledCollectionIds: ['PS100015', 'PS100042'], portalPolicy: true },
  'cb2002-no-hotfix': { ...cb2002, hotfix: 'downloaded' },
  'cb2002-hotfix': { ...cb2002, hotfix: 'installed' },
  'gov-cloud': { ...current, environment: 'AzureUSGovernmentCloud' },
  'mde-off': { ...current, connectorState: 'available', connectorHeartbeatAgeSeconds: MDE_OFF_HEARTBEAT_AGE_SECONDS },
  'not-admin': { ...current, alexIsGlobalAdmin: false },
  large: { ...current, size: 'large' },
  /** 2503 (build 9135, configmgr-adminservice.md §2 [I]), attached without co-management: graph-intune.md §11.7. */
  cb2503: {
    ...current,
    buildNumber: 9135,
    release: '2503',
    fullVersion: '5.00.9135.1000',
    attached: true,
    coManagement: false,
    enabledCollectionIds: ['PS100015', 'PS100042'],
  },
  maa: MAA,
  /** `maa` answering as real tenants have been seen to (maa.md "Corrections and field evidence"). */
  'maa-field': { ...MAA, maaDialect: 'field' },
};
