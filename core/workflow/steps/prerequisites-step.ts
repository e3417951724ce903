import { z } from 'zod';
import { reportFromFacts } from '../../prerequisites/check-prerequisites.js';
import type { PrerequisiteFacts } from '../../prerequisites/facts.js';
import { gatherFacts } from '../../prerequisites/gather-facts.js';
import type { CheckPurpose, RuleResult } from '../../prerequisites/rule-result.js';
import type { StepProblem } from '../../runs/run-record.js';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../../runs/step-handler.js';
import type { TenantServices } from '../../tenant-services.js';
import { parseInput } from '../step-kinds.js';

export const PREREQUISITES_STEP_KIND = 'prerequisites';

export const prerequisitesInputSchema = z.object({ profile: z.enum(['edr', 'antivirus']) });
export type PrerequisitesInput = z.infer<typeof prerequisitesInputSchema>;

const PROFILE_NAMES: Readonly<Record<PrerequisitesInput['profile'], string>> = { edr: 'EDR', antivirus: 'Antivirus' };

/** Rules about tenant attach and collections describe what the onboard run itself changes, so they never block it. */
function fixedByTheRun(rule: RuleResult): boolean {
  return rule.area === 'Collections' || rule.id.startsWith('attach.');
}

/**
 * The prerequisite checks of one policy type, read fresh every time: failing rules stop the run with their titles and
 * fixes; rules that warn or could not be verified pass through in the step's message.
 */
export function createPrerequisitesStep(services: TenantServices): StepHandler {
  return defineStepKind({
    kind: PREREQUISITES_STEP_KIND,
    changesTenant: false,
    check(): Promise<WorldCheck> {
      return Promise.resolve({ done: false });
    },
    async perform(step, context): Promise<StepOutcome> {
      const { profile } = parseInput(prerequisitesInputSchema, step.input, PREREQUISITES_STEP_KIND);
      const requester = context.run.requestedBy;
      const facts = await gatherFacts(services, {
        profile,
        requester: {
          name: requester.name,
          ...(requester.aadObjectId === undefined ? {} : { aadObjectId: requester.aadObjectId }),
        },
        now: context.clock.now(),
      });
      const report = reportFromFacts(facts, profile, purposeOf(facts));
      const rules = report.areas.flatMap((area) => area.rules).filter((rule) => !fixedByTheRun(rule));
      const failing = rules.filter((rule) => rule.status === 'fail');
      if (failing.length > 0) return { kind: 'failed', problem: prerequisitesProblem(PROFILE_NAMES[profile], failing) };
      const warnings = rules.filter((rule) => rule.status === 'warn' || rule.status === 'unknown');
      return {
        kind: 'done',
        message: doneMessage(PROFILE_NAMES[profile], rules.length, warnings),
        outcome: {
          warnings: warnings.map((rule) => ({
            id: rule.id,
            title: rule.title,
            status: rule.status,
            ...(rule.fix === undefined ? {} : { fix: rule.fix }),
          })),
        },
      };
    },
  });
}

/** Before tenant attach the requester is about to onboard the tenant, so not being a Global Administrator fails. */
function purposeOf(facts: PrerequisiteFacts): CheckPurpose {
  return facts.tenantAttach.status === 'read' && facts.tenantAttach.value.attached === true ? 'report' : 'attach';
}

export function prerequisitesProblem(profileName: string, failing: readonly RuleResult[]): StepProblem {
  const titles = failing.map((rule) => rule.title);
  return {
    title: `${profileName} policy prerequisites not met: ${titles.join('; ')}`,
    message: failing.map((rule) => `${rule.title}: ${rule.evidence}`).join('\n'),
    fix: [
      ...failing.map((rule) => rule.fix ?? `See ${rule.docLink ?? 'the prerequisites'}.`),
      'Then press Retry.',
    ].join('\n'),
  };
}

function doneMessage(profileName: string, checked: number, warnings: readonly RuleResult[]): string {
  const passed = `${checked - warnings.length} of ${checked} ${profileName} policy prerequisites pass`;
  if (warnings.length === 0) return `${passed}.`;
  const listed = warnings.map(
    (rule) => `${rule.title} (${rule.status === 'warn' ? 'warning' : 'not verified'}: ${rule.evidence})`,
  );
  return `${passed}; worth a look: ${listed.join('; ')}`;
}
