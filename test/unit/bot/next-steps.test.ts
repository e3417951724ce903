import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../bot/commands/index.js';
import { dispatchMessage } from '../../../bot/commands/dispatch-message.js';
import { findCommand } from '../../../bot/commands/find-command.js';
import { tokenize } from '../../../bot/commands/tokenize.js';
import { verbs } from '../../../bot/verbs/index.js';
import { dispatchVerb } from '../../../bot/verbs/dispatch-verb.js';
import { isVerbNote } from '../../../bot/verbs/verb.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { COMMAND_RUN_VERB } from '../../../cards/card-extras.js';
import { renderCard } from '../../../cards/render.js';
import { toPrerequisitesView } from '../../../cards/views/prerequisites-view.js';
import { toRunProgressView } from '../../../cards/views/run-view.js';
import type { Role } from '../../../core/access/roles.js';
import type { RunRecord, StepRecord } from '../../../core/runs/run-record.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';
import { findHiddenFactLeaks } from '../../support/card-content.js';
import { sampleReport } from '../prerequisites/sample-report.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const STEP_KINDS = [
  'approval',
  'plan-recheck',
  'prerequisites',
  'tenant-attach',
  'upload-scope',
  'enable-collection',
  'policy-create',
  'policy-assign',
  'something-new',
] as const;

const policyName = fc.string({ minLength: 1, maxLength: 40 }).filter((name) => name.trim() !== '');
const stepInput = (kind: string): fc.Arbitrary<Record<string, unknown>> => {
  if (kind === 'policy-create') {
    return fc.oneof(
      policyName.map((name) => ({
        requestKey: 'k',
        draft: { kind: 'configmgr-edr', profile: 'edr', target: 'configmgr', name, description: '', settings: {} },
      })),
      fc.constant({}),
    );
  }
  if (kind === 'policy-assign')
    return fc.oneof(
      fc.uuid().map((policyId) => ({ policyId })),
      fc.constant({}),
    );
  return fc.constant({});
};
const step: fc.Arbitrary<StepRecord> = fc
  .constantFrom(...STEP_KINDS)
  .chain((kind) =>
    fc.record({ kind: fc.constant(kind), state: fc.constantFrom('done', 'skipped'), input: stepInput(kind) }),
  )
  .map(({ kind, state, input }) => ({
    id: 's',
    kind,
    title: `Step ${kind}`,
    state: state as StepRecord['state'],
    input,
    attempts: 1,
    message: `${kind} finished`,
  }));
const doneRun: fc.Arbitrary<RunRecord> = fc
  .record({
    kind: fc.constantFrom('attach', 'enable', 'onboard', 'policy-create', 'policy-assign', 'later-kind'),
    steps: fc.array(step, { maxLength: 6 }),
  })
  .map(({ kind, steps }) => ({
    id: 'r-abc123',
    kind,
    title: `A ${kind} run`,
    requestedBy: { aadObjectId: 'a', channelUserId: '29:a', name: 'Alex' },
    conversationId: 'conv-1',
    createdAt: '2026-11-23T09:00:00Z',
    updatedAt: '2026-11-23T09:30:00Z',
    status: 'done',
    resources: [],
    steps: steps.map((candidate, index) => ({ ...candidate, id: `s${index + 1}` })),
  }));

/** The next-step buttons of a card: their titles and the commands they run. */
function nextSteps(card: AdaptiveCard): { title: string; command: string }[] {
  const actions = (card.actions ?? []) as {
    type?: string;
    verb?: string;
    title?: string;
    data?: { command?: string };
  }[];
  return actions
    .filter((action) => action.type === 'Action.Execute' && action.verb === COMMAND_RUN_VERB)
    .map((action) => ({ title: action.title ?? '', command: action.data?.command ?? '' }));
}

function isCommand(text: string): boolean {
  return findCommand(commands, tokenize(text)) !== undefined;
}

describe('next steps on success cards', () => {
  it('every finished run offers a next step, a command the bot knows, and shows no technical facts', () => {
    fc.assert(
      fc.property(doneRun, (run) => {
        const card = renderCard('run-progress', toRunProgressView(run, NOW));
        const steps = nextSteps(card);
        expect(steps.length).toBeGreaterThan(0);
        for (const next of steps) expect(isCommand(next.command), next.command).toBe(true);
        expect(findHiddenFactLeaks(card)).toEqual([]);
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('a created policy leads to assigning it by name, an assignment to its compliance, attach to collections', () => {
    const base = fc.sample(doneRun, { seed: 1, numRuns: 1 })[0]!;
    const withStep = (kind: string, input: Record<string, unknown>): RunRecord => ({
      ...base,
      steps: [{ id: 's1', kind, title: kind, state: 'done', input, attempts: 1 }],
    });
    const draft = { kind: 'configmgr-edr', profile: 'edr', target: 'configmgr', name: 'EDR pilot', description: '' };
    const created = withStep('policy-create', { requestKey: 'k', draft: { ...draft, settings: {} } });
    expect(nextSteps(renderCard('run-progress', toRunProgressView(created, NOW)))).toEqual([
      { title: 'Assign it', command: 'assign "EDR pilot"' },
    ]);
    const assigned = withStep('policy-assign', { policyId: 'p-1' });
    expect(nextSteps(renderCard('run-progress', toRunProgressView(assigned, NOW)))[0]?.command).toBe('compliance p-1');
    const attached = withStep('tenant-attach', {});
    expect(nextSteps(renderCard('run-progress', toRunProgressView(attached, NOW)))[0]?.command).toBe('collections');
    const enabled = withStep('enable-collection', {});
    expect(nextSteps(renderCard('run-progress', toRunProgressView(enabled, NOW))).map((next) => next.command)).toEqual([
      'policy create edr',
      'policy create antivirus',
    ]);
  });

  it('a ready check offers creating the policies it checked; a failing check the commands that start the fixes', () => {
    const verdicts = fc.array(
      fc.record({
        profile: fc.constantFrom('edr' as const, 'antivirus' as const),
        verdict: fc.constantFrom('ready' as const, 'ready-with-warnings' as const),
      }),
      { minLength: 1, maxLength: 2 },
    );
    fc.assert(
      fc.property(verdicts, (ready) => {
        const report = { ...sampleReport(), verdict: ready[0]!.verdict, verdicts: ready };
        const steps = nextSteps(renderCard('prerequisites', toPrerequisitesView(report, NOW)));
        for (const entry of ready)
          expect(steps.map((next) => next.command)).toContain(`policy create ${entry.profile}`);
      }),
      { seed: 17, numRuns: 50 },
    );
    const notAttached = sampleReport();
    const failing = {
      ...notAttached,
      areas: notAttached.areas.map((area) => ({
        ...area,
        rules: area.rules.map((rule) =>
          rule.id === 'attach.configured' ? { ...rule, status: 'fail' as const } : rule,
        ),
      })),
    };
    const steps = nextSteps(renderCard('prerequisites', toPrerequisitesView(failing, NOW)));
    expect(steps.map((next) => next.command)).toContain('attach');
  });
});

describe('next-step buttons', () => {
  const buttons = ['collections', 'runs', 'compliance p-1', 'attach', 'policy create edr', 'assign "EDR pilot"'];
  const roleSets: readonly (readonly Role[])[] = [[], ['reader'], ['reader', 'operator']];

  async function answers(command: string, roles: readonly Role[]) {
    const services = testAppServices();
    const actor = { aadObjectId: '11111111-2222-4333-8444-555555555555', channelUserId: '29:x', name: 'Stranger' };
    const sent: AdaptiveCard[] = [];
    const context = testCommandContext({
      services,
      actor,
      roles,
      commands,
      send: async (card) => sent.push(card).toString(),
    });
    const typed = await dispatchMessage(command, context);
    const clicked = await dispatchVerb(
      { action: { type: 'Action.Execute', verb: COMMAND_RUN_VERB, data: { command } } },
      verbs,
      context,
    );
    return { typed, clicked, sentByClick: sent.at(-1) };
  }

  const refusal = (card: AdaptiveCard | undefined) =>
    /needs the (reader|operator|admin) role/.exec(JSON.stringify(card))?.[0];

  it('run their command as the clicking person: refused exactly when typing it is, with the same refusal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...buttons), fc.constantFrom(...roleSets), async (command, roles) => {
        const { typed, clicked, sentByClick } = await answers(command, roles);
        expect(isVerbNote(clicked)).toBe(true);
        const needed = findCommand(commands, tokenize(command))?.command.role;
        const allowed = needed === 'anyone' || roles.includes(needed as Role);
        expect(refusal(sentByClick) === undefined).toBe(allowed);
        if (refusal(typed) !== undefined) expect(sentByClick).toEqual(typed);
      }),
      { seed: 17, numRuns: 40 },
    );
  });

  it('fill in what they know and show the usage for the rest', async () => {
    const { sentByClick } = await answers('assign "EDR pilot"', ['reader', 'operator']);
    const text = JSON.stringify(sentByClick);
    expect(text).toContain('Complete this command and send it:');
    expect(text).toContain('assign \\"EDR pilot\\" --to ‹…›');
  });
});
