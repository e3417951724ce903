import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitHash } from '../../sandbox/world/rng.js';
import { ALEX, invokeActivity, MEGAN, messageActivity, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

const CONVERSATION = 'a:personal-fault-matrix';
const FLOWS_PER_KIND = 5;
const RATE = 0.2;
/** Every Graph route and every AdminService route (the token endpoint has its own retry in @azure/identity). */
const ROUTES = ['/graph/beta/*', '/graph/v1.0/*', '/AdminService/*'];

/** The rules for one fault kind at RATE on every route class; reset/timeout on writes sometimes land first. */
function rulesFor(kind: string): string {
  const rules = ROUTES.flatMap((route) => {
    switch (kind) {
      case '429':
        return [`route=${route};kind=429;rate=${RATE}`];
      case '429-retry-after':
        return [`route=${route};kind=429;retryAfter=1;rate=${RATE}`];
      case 'reset':
      case 'timeout': {
        const hold = kind === 'timeout' ? ';ms=5000' : '';
        return [
          `route=${route};kind=${kind}${hold};rate=${RATE};method=GET`,
          `route=${route};kind=${kind}${hold};rate=${RATE / 2};processed=true;method=POST`,
          `route=${route};kind=${kind}${hold};rate=${RATE / 2};method=POST`,
        ];
      }
      default:
        return [`route=${route};kind=${kind};rate=${RATE}`];
    }
  });
  return rules.join(' | ');
}

export const FAULT_KINDS = ['429', '429-retry-after', '503', '504', 'reset', 'timeout'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** Cards a user must never see when the fault was transient. */
const ERROR_CARD = /Unexpected failure|went wrong|The service is busy|did not answer|Press Retry|Something failed/i;

/**
 * Each fault kind at 20% on every Graph and AdminService route, through create + approve + assign flows; split over two
 * test files (fault-matrix-*.test.ts) so the slow kinds run in parallel workers. `singleResets` adds the checks of one
 * reset on a read during a command.
 */
export function describeFaultMatrix(
  kinds: readonly FaultKind[],
  options: {
    readonly singleResets: boolean;
    /** The bot's settle windows: a write with no answer, and one the service answered 502/503/504. */
    readonly writeSettleMs?: number;
    readonly writeSettleAfterAnswerMs?: number;
  },
): void {
  const settle = options.writeSettleMs ?? 1000;
  const settings = `write settle ${settle} ms${options.writeSettleAfterAnswerMs === undefined ? '' : `, ${options.writeSettleAfterAnswerMs} ms after an answer`}`;
  describe(`fault kinds ${kinds.join(', ')} at 20% on every Graph and AdminService route (${settings})`, () => {
    let tenant: SandboxTenant;
    let harness: TestBot;
    let seed = 1;

    beforeAll(async () => {
      tenant = await startSandboxTenant({
        scenario: 'ready',
        env: { GRAPH_TIMEOUT: '1000ms', ADMINSERVICE_TIMEOUT: '1000ms', UPSTREAM_RETRY_BUDGET: '20s' },
        retryBaseDelayMs: 100,
        random: () => unitHash('fault-matrix-jitter', seed++),
      });
      harness = await startTestBot({
        tenant: tenant.tenant,
        env: { APPROVERS: 'group:AttachOps-Approvers' },
        writeSettleMs: settle,
        ...(options.writeSettleAfterAnswerMs === undefined
          ? {}
          : { writeSettleAfterAnswerMs: options.writeSettleAfterAnswerMs }),
      });
    });
    afterAll(async () => {
      await harness?.close();
      await tenant?.close();
    });

    const place = () => ({ serviceUrl: harness.connector.url, conversationId: CONVERSATION });
    async function say(text: string, from: TestUser = ALEX): Promise<string> {
      const activity = messageActivity(text, { ...place(), from });
      await harness.post(activity);
      await harness.connector.waitFor((calls) => calls.some((call) => call.activityId === activity.id), 30_000);
      return JSON.stringify(harness.connector.calls.find((call) => call.activityId === activity.id)?.body);
    }

    /** Asks, approves as Megan, and waits for the run; returns the run's final status. */
    async function approvedChange(text: string): Promise<{ status: string; retried: boolean }> {
      const before = new Set((await harness.services.runs.list()).map((run) => run.id));
      const reply = await say(text);
      expect(reply, `reply to ${text}`).not.toMatch(ERROR_CARD);
      const run = (await harness.services.runs.list()).find((candidate) => !before.has(candidate.id));
      expect(run, `a run for ${text}: ${reply}`).toBeDefined();
      const approvalId = String(run?.steps[0]?.input.approvalId);
      const click = await harness.post(invokeActivity('approval.approve', { approvalId }, { ...place(), from: MEGAN }));
      expect(click.status).toBe(200);
      for (let waited = 0; waited < 600; waited += 1) {
        const current = await harness.services.runs.get(run?.id ?? '');
        if (current && ['done', 'failed', 'cancelled'].includes(current.status)) {
          const retried = current.steps.some((step) => step.state === 'failed');
          return { status: current.status, retried };
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`run for ${text} did not end`);
    }

    it.each(kinds)(
      `%s: ${FLOWS_PER_KIND} of ${FLOWS_PER_KIND} create + approve + assign flows complete with no human retry, no duplicate and no error card`,
      async (kind) => {
        await tenant.control('DELETE', 'faults');
        expect((await tenant.control('POST', 'faults', { spec: rulesFor(kind) })).status).toBe(201);
        const callsBefore = harness.connector.calls.length;
        const unknownBefore = (await harness.services.audit.read()).filter(
          (entry) => entry.action === 'step.outcome-unknown',
        ).length;
        let completed = 0;
        for (let flow = 1; flow <= FLOWS_PER_KIND; flow += 1) {
          const name = `Matrix ${kind} ${flow}`;
          const created = await approvedChange(
            `policy create edr --target configmgr --name "${name}" --sample-sharing all`,
          );
          const assigned = await approvedChange(`assign "${name}" --to PS100042`);
          if (created.status === 'done' && assigned.status === 'done') completed += 1;
        }
        const fired = ((await tenant.control('GET', 'faults')).json as { rules: { fired: number }[] }).rules;
        await tenant.control('DELETE', 'faults');
        expect(completed).toBe(FLOWS_PER_KIND);
        expect(
          fired.reduce((sum, rule) => sum + rule.fired, 0),
          'faults that fired',
        ).toBeGreaterThan(0);
        const { json } = await tenant.control('GET', 'state');
        for (let flow = 1; flow <= FLOWS_PER_KIND; flow += 1) {
          const named = (json as { policies: { name: string; assignments: number }[] }).policies.filter(
            (policy) => policy.name === `Matrix ${kind} ${flow}`,
          );
          expect(named, `policies named Matrix ${kind} ${flow}`).toHaveLength(1);
          expect(named[0]?.assignments).toBe(1);
        }
        const shown = harness.connector.calls.slice(callsBefore).map((call) => JSON.stringify(call.body));
        expect(shown.filter((card) => ERROR_CARD.test(card))).toEqual([]);
        const unknown = (await harness.services.audit.read()).filter(
          (entry) => entry.action === 'step.outcome-unknown',
        ).length;
        process.stdout.write(
          `fault-matrix ${kind}: ${completed}/${FLOWS_PER_KIND} flows, ${fired.reduce((sum, rule) => sum + rule.fired, 0)} faults fired, ${unknown - unknownBefore} writes with an unknown outcome settled\n`,
        );
      },
      180_000,
    );

    if (options.singleResets)
      it.each([
        ['a Graph read', '/graph/beta/deviceManagement/configurationPolicies', 'policy list', /EDR|Antivirus|polic/i],
        ['an AdminService read', '/AdminService/wmi/SMS_Collection', 'collections', /PS1000/],
      ])('one reset on %s during a command: the user gets the normal answer', async (_name, route, command, answer) => {
        await tenant.control('DELETE', 'faults');
        await tenant.control('POST', 'faults', { spec: `route=${route};kind=reset;count=1;method=GET` });
        const reply = await say(command);
        const fired = ((await tenant.control('GET', 'faults')).json as { rules: { fired: number }[] }).rules[0]?.fired;
        await tenant.control('DELETE', 'faults');
        expect(fired).toBe(1);
        expect(reply).toMatch(answer);
        expect(reply).not.toMatch(ERROR_CARD);
      });
  });
}
