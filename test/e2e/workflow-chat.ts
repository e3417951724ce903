import { expect } from 'vitest';
import type { AnyCommand } from '../../bot/context/command-context.js';
import { loadConfig } from '../../bot/config/config.js';
import { createTenantServices } from '../../bot/wiring/create-tenant-services.js';
import { type Clock, systemClock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import { commands } from '../../bot/commands/index.js';
import { onboardCommand } from '../../bot/commands/onboard.js';
import type { RunRecord } from '../../core/runs/run-record.js';
import type { VerifyPolicy } from '../../core/runs/verify-policy.js';
import type { IntuneWaitPolicy } from '../../core/maa/intune-gate.js';
import type { TenantServices } from '../../core/tenant-services.js';
import type { ScenarioName } from '../../sandbox/index.js';
import { ALEX, invokeActivity, messageActivity, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import type { ConnectorCall } from '../support/recording-connector.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

/** Re-checks quickly so a walkthrough takes seconds, not the production minutes. */
export const FAST_VERIFY: VerifyPolicy = { firstDelayMs: 50, maxDelayMs: 250, giveUpAfterMs: 60_000 };

/** The bot's commands with `onboard`, whether or not `bot/commands/index.ts` lists it yet. */
export const WORKFLOW_COMMANDS: readonly AnyCommand[] = commands.some((command) => command.name === 'onboard')
  ? commands
  : [...commands, onboardCommand];

export interface WorkflowChat {
  readonly tenant: SandboxTenant;
  readonly harness: TestBot;
  readonly conversationId: string;
  /** Sends a message and returns the card the bot replied with, as JSON text. */
  say(text: string, from?: TestUser): Promise<string>;
  /** Presses an `Action.Execute` button on the card with `replyToId`; returns the card the bot answered with. */
  press(verb: string, data: unknown, replyToId: string, from?: TestUser): Promise<string>;
  waitForRun(runId: string, until: (run: RunRecord) => boolean, timeoutMs?: number): Promise<RunRecord>;
  /** The run's progress card: its activity id, its latest content and how often it was edited in place. */
  progressCard(runId: string): { activityId: string; latest: string; updates: number };
  close(): Promise<void>;
}

export interface WorkflowChatOptions {
  readonly scenario: ScenarioName;
  readonly syncDelaySeconds?: number;
  readonly verifyPolicy?: VerifyPolicy;
  readonly intuneWaitPolicy?: IntuneWaitPolicy;
  /** How long after an attempt starts a tenant write may still land (GRAPH_TIMEOUT in production). */
  readonly writeSettleMs?: number;
  /** The bot's clock (see OffsetClock), when a test must move past a deadline. */
  readonly clock?: Clock;
  /** Other tenant services than the sandbox's own (a wrong password, a closed port). */
  readonly tenantServices?: (sandbox: SandboxTenant) => TenantServices;
  /** Bot environment on top of the sandbox's access mapping (e.g. more operators). */
  readonly env?: Record<string, string>;
}

/** The real bot over HTTP, with `onboard` and its step handlers, against a sandbox tenant, in one personal chat. */
export async function startWorkflowChat(options: WorkflowChatOptions): Promise<WorkflowChat> {
  const tenant = await startSandboxTenant({
    scenario: options.scenario,
    ...(options.syncDelaySeconds === undefined ? {} : { syncDelaySeconds: options.syncDelaySeconds }),
  });
  const services = options.tenantServices?.(tenant) ?? tenant.tenant;
  const harness = await startTestBot({
    tenant: services,
    verifyPolicy: options.verifyPolicy ?? FAST_VERIFY,
    ...(options.intuneWaitPolicy ? { intuneWaitPolicy: options.intuneWaitPolicy } : {}),
    ...(options.writeSettleMs === undefined ? {} : { writeSettleMs: options.writeSettleMs }),
    ...(options.clock ? { clock: options.clock } : {}),
    commands: WORKFLOW_COMMANDS,
    ...(options.env ? { env: options.env } : {}),
  });
  const conversationId = `a:personal-${options.scenario}-${Date.now()}`;
  const connector = harness.connector;
  const place = { serviceUrl: connector.url, conversationId };

  return {
    tenant,
    harness,
    conversationId,
    async say(text, from = ALEX) {
      const activity = messageActivity(text, { ...place, from });
      await harness.post(activity);
      const isReply = (call: ConnectorCall): boolean => call.method === 'POST' && call.activityId === activity.id;
      await connector.waitFor((calls) => calls.some(isReply), 20_000);
      return JSON.stringify(cardOf(connector.calls.find(isReply)));
    },
    async press(verb, data, replyToId, from = ALEX) {
      const { status, body } = await harness.post(invokeActivity(verb, data, { ...place, from, replyToId }));
      expect(status).toBe(200);
      return JSON.stringify((body as { value?: unknown }).value);
    },
    async waitForRun(runId, until, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const run = await harness.services.runs.get(runId);
        if (run && until(run)) return run;
        if (Date.now() > deadline)
          throw new Error(
            `run ${runId} did not get there; it is ${JSON.stringify(run?.steps.map((step) => [step.kind, step.state, step.message]))}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    progressCard(runId) {
      return progressCardOf(connector.calls, runId);
    },
    async close() {
      await harness.close();
      await tenant.close();
    },
  };
}

/** The sandbox's environment with some variables changed, as tenant services built the way `npm start` builds them. */
export function tenantServicesWith(sandbox: SandboxTenant, changes: Record<string, string>): TenantServices {
  const config = loadConfig({ ...sandbox.env, ...changes });
  if (!config.tenant) throw new Error('no tenant in the changed configuration');
  return createTenantServices({
    tenant: config.tenant,
    adminService: config.adminService,
    log: silentLogger,
    clock: systemClock,
    graphRetryBudgetMs: 5_000,
  });
}

export function cardOf(call: ConnectorCall | undefined): unknown {
  const attachments = call?.body.attachments;
  return Array.isArray(attachments) ? (attachments[0] as { content?: unknown } | undefined)?.content : undefined;
}

/**
 * Found by the run id its header shows; posted once (POST), then edited in place (PUT on the same activity id). Empty
 * until posted; a second post or an edit of another activity throws.
 */
export function progressCardOf(
  calls: readonly ConnectorCall[],
  runId: string,
): { activityId: string; latest: string; updates: number } {
  const mine = calls.filter(
    (call) => call.status < 300 && JSON.stringify(cardOf(call) ?? '').includes(`Run ${runId} ·`),
  );
  const posts = mine.filter((call) => call.method === 'POST');
  if (posts.length === 0) return { activityId: '', latest: '', updates: 0 };
  if (posts.length > 1) throw new Error(`the progress card of ${runId} was posted ${posts.length} times`);
  const activityId = posts[0]?.answeredId ?? '';
  const updates = mine.filter((call) => call.method === 'PUT');
  const elsewhere = updates.find((update) => update.activityId !== activityId);
  if (elsewhere)
    throw new Error(`an update of run ${runId} went to ${elsewhere.activityId ?? '?'} instead of ${activityId}`);
  return { activityId, latest: JSON.stringify(cardOf(mine.at(-1))), updates: updates.length };
}

export function startedRunId(reply: string): string {
  const id = /Started run (r-[a-z0-9]+)/.exec(reply)?.[1];
  if (!id) throw new Error(`no run was started: ${reply}`);
  return id;
}

export type RuleIcon = '✅' | '❌' | '⚠️' | '❔';

/** Rule title → its status icon, read off a prerequisites card. */
export function ruleIcons(card: string): Map<string, RuleIcon> {
  const icons = new Map<string, RuleIcon>();
  for (const match of card.matchAll(/"text":"(✅|❌|⚠️|❔) ([^"*][^"]*)"/g))
    icons.set(match[2] ?? '', match[1] as RuleIcon);
  return icons;
}
