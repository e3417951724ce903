import type { Result } from '../errors/gateway-error.js';
import type { CloudEnv } from '../ports/cloud-environment.js';
import type { StepProblem } from '../runs/run-record.js';
import type { StepOutcome } from '../runs/step-handler.js';
import type { TenantServices } from '../tenant-services.js';
import { gatewayProblem, toUserFacingError, unsupportedCloudProblem } from './problems.js';

/** A gate either lets the step go on with a value, or stops it with a problem. */
export type Gate<T> =
  { readonly pass: true; readonly value: T } | { readonly pass: false; readonly problem: StepProblem };

export function passed<T>(value: T): Gate<T> {
  return { pass: true, value };
}

export function blocked(problem: StepProblem): Gate<never> {
  return { pass: false, problem };
}

export function fromResult<T>(result: Result<T>, what: string): Gate<T> {
  return result.ok ? passed(result.value) : blocked(gatewayProblem(result.error, what));
}

export function failedOutcome(problem: StepProblem): StepOutcome {
  return { kind: 'failed', problem };
}

/** For `check`, which cannot return a problem: an unreadable world throws, and the engine shows the problem. */
export function valueOrThrow<T>(result: Result<T>, what: string): T {
  if (result.ok) return result.value;
  throw toUserFacingError(gatewayProblem(result.error, what));
}

/** Only a cloud known to be national blocks; "Unknown" (e.g. no tenant row yet) lets the step go on. */
export async function publicCloudGate(services: TenantServices, gatewayCloud: CloudEnv): Promise<Gate<void>> {
  const tenantCloud = (await services.cloudEnvironment.getCloudEnvironment()).cloud;
  const national = [tenantCloud, gatewayCloud].find((cloud) => cloud !== 'AzurePublicCloud' && cloud !== 'Unknown');
  return national === undefined ? passed(undefined) : blocked(unsupportedCloudProblem(national));
}
