import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileAuditLog } from '../../adapters/audit/file-audit-log.js';
import { ALEX, ANONYMOUS, ISAIAH, MEGAN, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { cardAfterClicking, cardAfterSaying } from '../support/card-turns.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';
import { GUID, ISO_TIME, visibleCardTexts } from '../support/visible-card-text.js';

const POLICY = 'EDR audited';

/** `audit` through the real endpoint: one sandbox and one bot for the file; each exchange in its own conversation. */
describe('audit, through the bot against the sandbox tenant', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;
  let conversation = 0;
  let dir: string;
  let auditFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attachops-audit-e2e-'));
    auditFile = join(dir, 'audit.jsonl');
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({ tenant: tenant.tenant, audit: await createFileAuditLog({ file: auditFile }) });
  });
  afterAll(async () => {
    await harness?.close();
    await tenant?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The first card the bot sends back to `text` from `from`, each in a conversation of its own. */
  const say = (from: TestUser, text: string) => cardAfterSaying(harness, from, text, `a:audit-${++conversation}`);
  const click = (from: TestUser, verb: string, data: unknown) =>
    cardAfterClicking(harness, from, verb, data, `a:audit-${++conversation}`);

  const text = (card: Record<string, unknown>) => visibleCardTexts(card).join('\n');

  function actionData(card: Record<string, unknown>, title: string): unknown {
    const actions = (card.actions ?? []) as { title?: string; data?: unknown }[];
    return actions.find((action) => action.title === title)?.data;
  }

  /** The run is done once its last entry is in the log: the policy shows in the tenant a moment before that. */
  async function waitForAudited(action: string): Promise<void> {
    for (let attempt = 0; attempt < 150; attempt += 1) {
      const newest = await harness.services.audit.readNewestFirst({ limit: 20 });
      if (newest.some(({ entry }) => entry.action === action)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no ${action} entry was written`);
  }

  it('shows a change someone made: who asked, who approved, which policy, how it ended and when', async () => {
    const requested = await say(ALEX, `policy create edr --target configmgr --name "${POLICY}" --sample-sharing all`);
    const approvalId = /"approvalId":"([^"]+)"/.exec(JSON.stringify(requested))?.[1] ?? (await approvalIdFromCards());
    await click(MEGAN, 'approval.approve', { approvalId });
    await waitForAudited('run.done');
    expect((await tenant.tenant.policies.list({ nameContains: POLICY })).map((policy) => policy.name)).toContain(
      POLICY,
    );

    const card = await say(ISAIAH, 'audit');
    const shown = text(card);
    expect(shown).toContain(`Megan Bowen approved: Create policy "${POLICY}" (Endpoint detection and response`);
    expect(shown).toContain(`Alex Wilber asked for approval of: Create policy "${POLICY}"`);
    // What the bot did after Megan's approval is the bot's, on her approval; steps are folded into the run's entries.
    expect(shown).toMatch(/AttachOps, approved by Megan Bowen, finished: Create policy "EDR audited"/);
    expect(shown).not.toMatch(/Megan Bowen (finished|completed)/);
    expect(shown).toMatch(/today \d\d:\d\d UTC · approved · policy: EDR audited/);
    expect(shown).not.toMatch(/step done/);
    const withSteps = text(await say(ISAIAH, 'audit --steps'));
    expect(withSteps).toMatch(
      /today \d\d:\d\d UTC · step done · step: Create policy EDR audited · policy: EDR audited/,
    );
    expect(withSteps).toMatch(/AttachOps, approved by Megan Bowen, completed a step of: Create policy "EDR audited"/);
    expect(shown).not.toMatch(GUID);
    expect(shown).not.toMatch(ISO_TIME);
    expect(JSON.stringify(card)).toContain('"id":"details"');
  });

  async function approvalIdFromCards(): Promise<string> {
    const ids = [...JSON.stringify(harness.connector.cards()).matchAll(/"approvalId":"([^"]+)"/g)].map((m) => m[1]);
    const id = ids.at(-1);
    if (!id) throw new Error('no approval card was posted');
    return id;
  }

  it('filters by person, policy and time, and pages with the card buttons', async () => {
    const megan = text(await say(ISAIAH, `audit --user megan --policy "${POLICY.toUpperCase()}" --since 1h`));
    expect(megan).toContain(`Megan Bowen approved: Create policy "${POLICY}"`);
    expect(megan).not.toContain('Alex Wilber');

    // Refused attempts are audited too: enough entries for a second page.
    for (let attempt = 0; attempt < 4; attempt += 1) await say(ISAIAH, 'enable PS100015');
    expect(text(await say(ISAIAH, 'audit --user isaiah'))).toContain('Isaiah Langer was refused: enable');
    // With each step shown, the change alone writes more than a page; the pages keep showing the steps.
    const first = await say(ISAIAH, 'audit --steps');
    const next = actionData(first, 'Next page');
    expect(next, 'the change alone writes more than one page of entries').toBeDefined();
    const second = await click(ISAIAH, 'audit.page', next);
    expect(text(second)).toContain('Newest first · page 2');
    expect(text(second)).toContain('with each step');
    const back = await click(ISAIAH, 'audit.page', actionData(second, 'Previous page'));
    expect(text(back)).toContain('Newest first · page 1');
  });

  it('names a mistyped person or a bad --since and says what to type instead', async () => {
    const unknown = text(await say(ISAIAH, 'audit --user Megn'));
    expect(unknown).toContain(`I don't know anyone called "Megn"`);
    expect(unknown).toContain('Did you mean "Megan Bowen"');
    const policy = text(await say(ISAIAH, 'audit --policy "EDR audit"'));
    expect(policy).toContain(`I don't know a policy called "EDR audit"`);
    expect(policy).toContain(`Type audit --policy "${POLICY}"`);
    const since = text(await say(ISAIAH, 'audit --since "7 days"'));
    expect(since).toContain('--since');
    expect(since).toContain('write 7d');
  });

  it('is listed in help for a reader, with audit verify marked as needing the admin role', async () => {
    const help = text(await say(ISAIAH, 'help'));
    expect(help).toContain('Shows who did what');
    expect(help).toMatch(/audit verify\nneeds admin \(granted through ROLE_ADMINS\)/);
    expect(help).not.toMatch(/\naudit\nneeds/);
  });

  it('lets a reader audit but not verify, an admin verify, and refuses a stranger both and the page button', async () => {
    expect(text(await say(ISAIAH, 'audit verify'))).toMatch(/needs the admin role/);
    const verified = text(await say(ALEX, 'audit verify'));
    expect(verified).toContain('The audit log is intact');
    expect(verified).toMatch(/All [\d,]+ entries chain correctly/);

    expect(text(await say(ANONYMOUS, 'audit'))).toMatch(/needs the reader role/);
    expect(text(await click(ANONYMOUS, 'audit.page', { page: 2, back: [''] }))).toMatch(/needs the reader role/);
  });

  it('after someone edits an entry in the file, audit verify names the entry, when it was written and what is wrong', async () => {
    const lines = (await readFile(auditFile, 'utf8')).split('\n');
    const index = lines.findIndex((line) => line.includes('"approval.approved"'));
    lines[index] = (lines[index] ?? '').replace('"approval.approved"', '"approval.rejected"');
    await writeFile(auditFile, lines.join('\n'));
    const verdict = text(await say(ALEX, 'audit verify'));
    expect(verdict).toContain(`The audit log breaks at entry ${index + 1}`);
    expect(verdict).toMatch(
      new RegExp(`Entry ${index + 1} \\(written today \\d\\d:\\d\\d UTC\\) was changed after it was written`),
    );
    expect(verdict).not.toMatch(/at .*\.js:\d+|Error:/);
  });
});
