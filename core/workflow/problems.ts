import type { RoleEligibility } from '../ports/directory.js';
import type { GatewayError } from '../errors/gateway-error.js';
import type { CloudEnv } from '../ports/cloud-environment.js';
import type { CollectionSummary, SiteInfo, UploadScope } from '../ports/configmgr-gateway.js';
import { fromGatewayError } from '../prerequisites/read-failure.js';
import type { StepProblem } from '../runs/run-record.js';
import { UserFacingError } from '../user-facing-error.js';
import { describeSite } from '../prerequisites/site-releases.js';
import { describeScope } from './upload-scope.js';

/** Every way a workflow step refuses, as a problem the chat user can act on. */
export function gatewayProblem(error: GatewayError, what: string): StepProblem {
  const failure = fromGatewayError(error, what);
  return {
    title: GATEWAY_TITLES[error.code] ?? 'ConfigMgr could not be read',
    message: failure.reason,
    fix: failure.fix,
  };
}

const GATEWAY_TITLES: Partial<Record<GatewayError['code'], string>> = {
  ProviderUnreachable: 'The SMS Provider is unreachable',
  Unauthenticated: 'The AdminService refused the credentials',
  AccessDenied: 'The AdminService account lacks rights',
  TlsUntrusted: "The SMS Provider's certificate is not trusted",
  Timeout: 'The SMS Provider answered too slowly',
};

export function collectionNotFoundProblem(collection: string): StepProblem {
  return {
    title: 'Collection not found',
    message: `ConfigMgr has no collection ${collection}.`,
    fix: `Type collections --filter <first letters of the name> to find its ID, then try again with the ID.`,
  };
}

export function notDeviceCollectionProblem(collection: Pick<CollectionSummary, 'id' | 'name'>): StepProblem {
  return {
    title: 'Not a device collection',
    message: `${collection.name} (${collection.id}) is a user collection; only device collections sync to Intune for endpoint security policies.`,
    fix: 'Pick a device collection: type collections to list them.',
  };
}

export const NOT_ATTACHED_PROBLEM: StepProblem = {
  title: 'The hierarchy is not tenant attached',
  message:
    'The Cloud Sync option and the upload scope exist only once the hierarchy uploads to the Microsoft Endpoint Manager admin center.',
  fix: 'Type attach first; when that run is done, try this again.',
};

export function outsideUploadScopeProblem(
  collection: Pick<CollectionSummary, 'id' | 'name'>,
  scope: UploadScope,
): StepProblem {
  return {
    title: 'Collection outside the upload scope',
    message: `${collection.name} (${collection.id}) is not uploaded: the upload scope is ${describeScope(scope)}. The console greys out the Cloud Sync option for it (CM7423168).`,
    fix: 'In the console open Administration > Cloud Services > Co-management (Cloud Attach from 2111) > Properties of the production policy > Configure upload, choose All my devices or this collection, then press Retry.',
  };
}

export function notTopLevelProblem(site: Pick<SiteInfo, 'siteCode' | 'siteName' | 'siteType'>): StepProblem {
  return {
    title: 'Not the top-level site',
    message: `The bot is connected to ${describeSite(site)}, a ${site.siteType === 'secondary' ? 'secondary' : 'child primary'} site. Cloud Sync settings can only be changed against the top-level site.`,
    fix: 'Point ADMINSERVICE_URL at the SMS Provider of the top-level site (the CAS, or the standalone primary), then press Retry.',
  };
}

export function unsupportedCloudProblem(cloud: CloudEnv): StepProblem {
  const name = cloud === 'AzureChinaCloud' ? 'Azure China' : 'Azure Government';
  return {
    title: 'Unsupported cloud',
    message: `${name} isn't supported for this scenario: endpoint security policies for tenant attached devices need the Azure public cloud.`,
    fix: 'Use a tenant in the Azure public cloud; nothing can be changed in this one to make it work.',
  };
}

/** `eligibility`: what Privileged Identity Management says about the role (graph-intune.md §12), when it was read. */
export function notGlobalAdministratorProblem(name: string, eligibility?: RoleEligibility): StepProblem {
  const why = 'Turning on tenant attach signs in as a Global Administrator and creates an Azure AD application.';
  if (eligibility === 'eligible') {
    return {
      title: 'Activate the Global Administrator role first',
      message: `${name} is eligible for the Global Administrator role in Privileged Identity Management but has not activated it. ${why}`,
      fix: 'Activate the role in Privileged Identity Management, then type attach again.',
    };
  }
  const unsure = eligibility === 'not-permitted';
  return {
    title: 'A Global Administrator must run attach',
    message: unsure
      ? `${name} has no active Global Administrator role: either ${name} is not a Global Administrator, or is eligible in Privileged Identity Management but has not activated the role. ${why}`
      : `${name} does not hold the Global Administrator role. ${why}`,
    fix: unsure
      ? 'If you are eligible, activate the role in Privileged Identity Management and type attach again; otherwise ask a Global Administrator to type attach in this chat.'
      : 'Ask a Global Administrator to type attach in this chat.',
  };
}

export const NO_DIRECTORY_IDENTITY_PROBLEM: StepProblem = {
  title: 'Who asked is unknown to Azure AD',
  message: 'The request came from an account without an Azure AD identity, so its roles cannot be checked.',
  fix: "Type attach from a Teams account in this tenant's Azure AD.",
};

export function toUserFacingError(problem: StepProblem): UserFacingError {
  return new UserFacingError(problem.title, problem.message, problem.fix);
}
