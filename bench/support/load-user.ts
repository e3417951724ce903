import { randomUUID } from 'node:crypto';
import { DEMO_USERS, SANDBOX_TENANT_ID, type DemoUser } from '../../sandbox/index.js';
import type { LoadConnector } from './load-connector.js';
import { pickAction, type LoadAction } from './load-mix.js';

export interface TurnSample {
  readonly kind: string;
  readonly ms: number;
  readonly ok: boolean;
  readonly detail?: string;
}

const OPERATORS = [DEMO_USERS.admin, DEMO_USERS.operator] as const;
const APPROVERS = [DEMO_USERS.approver, DEMO_USERS.secondApprover] as const;
export const COMMANDS: Partial<Record<LoadAction, string>> = {
  help: 'help',
  check: 'check',
  collections: 'collections',
  runs: 'runs',
  approvals: 'approvals',
  'policy list': 'policy list',
  compliance: 'compliance',
  audit: 'audit',
};
const APPROVAL_ID = /"approvalId":"(a-[a-z0-9]+)"/;
const RUN_ID = /"runId":"(r-[a-z0-9]+)"/;

export function activity(
  from: DemoUser,
  conversationId: string,
  fields: Record<string, unknown>,
  serviceUrl: string,
): unknown {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${from.userPrincipalName}`, name: from.displayName, aadObjectId: from.id },
    recipient: { id: '28:attachops-bot', name: 'AttachOps' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: SANDBOX_TENANT_ID },
    channelData: { tenant: { id: SANDBOX_TENANT_ID } },
    locale: 'en-US',
    ...fields,
  };
}

/**
 * One simulated user, acting as one of the sandbox's operators in that person's personal chat with the bot, on the instance(s) given (turns alternate between
 * them, as a load balancer would spread them): picks an action from the mix, waits for its answer, thinks, repeats
 * until `until` (performance.now()). Every turn is a sample: ms from the POST to its answer, ok when 200.
 */
export async function runLoadUser(options: {
  readonly index: number;
  readonly bots: readonly string[];
  readonly connector: LoadConnector;
  readonly until: number;
  readonly thinkMs: number;
  readonly random: () => number;
  readonly record: (sample: TurnSample) => void;
}): Promise<void> {
  const { index, bots, connector, random, record } = options;
  const requester = OPERATORS[index % OPERATORS.length] ?? DEMO_USERS.admin;
  const approver = APPROVERS[index % APPROVERS.length] ?? DEMO_USERS.approver;
  // A person has one personal chat with the bot: simulated users who act as the same demo person share it (as one
  // person's several Teams clients would), so the bot's per-person records are not rewritten by every turn.
  const conversationId = `a:load-${requester.id}`;
  let turn = 0;
  let created = 0;
  let knownRun: string | undefined;
  const post = async (kind: string, from: DemoUser, fields: Record<string, unknown>): Promise<boolean> => {
    const bot = bots[turn % bots.length] ?? '';
    turn += 1;
    const started = performance.now();
    try {
      const response = await fetch(`${bot}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity(from, conversationId, fields, connector.url)),
      });
      const body = await response.text();
      const ok = response.status === 200;
      record({
        kind,
        ms: performance.now() - started,
        ok,
        ...(ok ? {} : { detail: `${response.status} ${body.slice(0, 200)}` }),
      });
      return ok;
    } catch (error) {
      record({ kind, ms: performance.now() - started, ok: false, detail: String(error) });
      return false;
    }
  };
  const say = (kind: string, text: string, from: DemoUser = requester) =>
    post(kind, from, { type: 'message', text, textFormat: 'plain' });
  const click = (verb: string, data: unknown, from: DemoUser = requester) =>
    post(verb, from, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'activity-1',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });

  while (performance.now() < options.until) {
    const action = pickAction(random());
    const command = COMMANDS[action];
    if (command !== undefined) {
      const since = connector.sent(conversationId);
      await say(action, command);
      if (action === 'runs') knownRun = (await connector.waitFor(conversationId, RUN_ID, since, 0)) ?? knownRun;
    } else if (action === 'run.show') {
      if (knownRun === undefined) {
        const since = connector.sent(conversationId);
        await say('runs', 'runs');
        knownRun = await connector.waitFor(conversationId, RUN_ID, since, 5_000);
      }
      if (knownRun !== undefined) await click('run.show', { runId: knownRun });
    } else {
      created += 1;
      const name = `Load u${index} n${created} ${randomUUID().slice(0, 6)}`;
      const since = connector.sent(conversationId);
      if (
        await say('policy create (plan)', `policy create edr --target configmgr --name "${name}" --sample-sharing all`)
      ) {
        const approvalId = await connector.waitFor(conversationId, APPROVAL_ID, since, 30_000, name);
        if (approvalId === undefined)
          record({ kind: 'policy create (plan)', ms: 0, ok: false, detail: 'no approval card within 30 s' });
        else {
          const afterApprove = connector.sent(conversationId);
          await click('approval.approve', { approvalId }, approver);
          knownRun = (await connector.waitFor(conversationId, RUN_ID, afterApprove, 0)) ?? knownRun;
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, random() * options.thinkMs));
  }
}
