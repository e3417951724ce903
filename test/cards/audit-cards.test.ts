import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/render.js';
import { toAuditLogView } from '../../cards/views/audit-log-view.js';
import { GUID, ISO_TIME, visibleCardTexts as visibleTexts, WMI_CLASS } from '../support/visible-card-text.js';
import { AUDIT_NOW, auditLogFixtures, auditPageFixture, auditVerifyFixtures } from './audit-fixtures.js';

function hasDetailsToggle(card: object): boolean {
  const listed = (card as { actions?: unknown }).actions;
  const actions = Array.isArray(listed) ? (listed as Record<string, unknown>[]) : [];
  return actions.some(
    (action) =>
      action.type === 'Action.ToggleVisibility' &&
      action.title === 'Details' &&
      JSON.stringify(action.targetElements) === '["details"]',
  );
}

describe('audit cards', () => {
  const cards = [
    ...auditLogFixtures.map((view) => renderCard('audit-log', view)),
    ...auditVerifyFixtures.map((view) => renderCard('audit-verify', view)),
  ];

  it('show no GUID, ISO time or WMI class outside Details, and reveal Details with a toggle whenever they hold some', () => {
    for (const card of cards) {
      const texts = visibleTexts(card).join('\n');
      expect(texts).not.toMatch(GUID);
      expect(texts).not.toMatch(ISO_TIME);
      expect(texts).not.toMatch(WMI_CLASS);
      if (JSON.stringify(card).includes('"id":"details"')) expect(hasDetailsToggle(card)).toBe(true);
    }
  });

  it('the check above fails on a card that shows an id or an ISO time', () => {
    const leaky = renderCard('notice', {
      title: 'Run 3e8f1c2a-7b4d-4e6f-8a9b-0c1d2e3f4a5b',
      message: '2026-11-30T09:41Z',
    });
    expect(visibleTexts(leaky).join('\n')).toMatch(GUID);
    expect(visibleTexts(leaky).join('\n')).toMatch(ISO_TIME);
  });

  it('says who did what to which policy or collection, how it ended and when, in words', () => {
    const texts = visibleTexts(
      renderCard('audit-log', toAuditLogView(auditPageFixture, { page: 1, back: [] }, AUDIT_NOW)),
    );
    expect(texts).toContain('Adele Vance approved: Create policy "EDR Servers" (EDR)');
    expect(texts).toContain('today 09:41 UTC · approved · policy: EDR Servers');
    expect(texts).toContain('yesterday 17:02 UTC · done · collections: All Servers');
    expect(texts).toContain('Megan Bowen was refused: policy create');
  });

  it('credits what AttachOps did on an approved change to AttachOps and its approver, never to the approver alone', () => {
    const approved = { ...auditPageFixture.rows[0]!.subject!, requestedBy: 'Alex Wilber', approvedBy: ['Megan Bowen'] };
    const asked = { ...approved, approvedBy: undefined };
    const megan = auditPageFixture.rows[1]!.entry.actor;
    const at = (seq: number, action: string) => ({ ...auditPageFixture.rows[0]!.entry, seq, action, actor: megan });
    const texts = visibleTexts(
      renderCard(
        'audit-log',
        toAuditLogView(
          {
            rows: [
              { entry: at(4, 'run.done'), subject: approved },
              { entry: at(3, 'step.done'), subject: approved },
              { entry: at(2, 'step.waiting-for-admin'), subject: asked },
              { entry: at(1, 'approval.approved'), subject: approved },
            ],
            scanned: 4,
          },
          { page: 1, back: [], steps: true },
          AUDIT_NOW,
        ),
      ),
    );
    expect(texts).toContain('AttachOps, approved by Megan Bowen, finished: Create policy "EDR Servers" (EDR)');
    expect(texts).toContain(
      'AttachOps, approved by Megan Bowen, completed a step of: Create policy "EDR Servers" (EDR)',
    );
    expect(texts).toContain(
      'AttachOps, asked by Alex Wilber, waits for an admin to act on a step of: Create policy "EDR Servers" (EDR)',
    );
    expect(texts).toContain('Megan Bowen approved: Create policy "EDR Servers" (EDR)');
    expect(texts.join('\n')).not.toMatch(/Megan Bowen (finished|completed)/);
  });

  it('says that steps are folded into their runs, and how to see them', () => {
    const folded = toAuditLogView(auditPageFixture, { page: 1, back: [] }, AUDIT_NOW);
    expect(folded.summary).toContain('steps folded into their runs (audit --steps shows them)');
    const withSteps = toAuditLogView(auditPageFixture, { page: 1, back: [], steps: true }, AUDIT_NOW);
    expect(withSteps.summary).toContain('with each step');
    expect(withSteps.nextData).toMatchObject({ steps: true });
  });

  it('pages: Next carries the page start, Previous returns to the page before, Newest to the first', () => {
    const second = toAuditLogView(
      auditPageFixture,
      { page: 2, back: [''], before: '9@4096', user: 'Megan' },
      AUDIT_NOW,
    );
    expect(second.nextData).toEqual({ page: 3, before: '3@1024', back: ['', '9@4096'], user: 'Megan' });
    expect(second.previousData).toEqual({ page: 1, back: [], user: 'Megan' });
    expect(second.hasNewest).toBe(false);
    const third = toAuditLogView(auditPageFixture, second.nextData, AUDIT_NOW);
    expect(third.previousData).toEqual({ page: 2, before: '9@4096', back: [''], user: 'Megan' });
    expect(third.newestData).toEqual({ page: 1, back: [], user: 'Megan' });
  });

  it('names where the chain breaks and what is wrong, in words', () => {
    const messages = auditVerifyFixtures.map((view) => `${view.title} | ${view.message}`);
    expect(messages[0]).toMatch(/^The audit log is intact \| All 1,234 entries chain correctly/);
    expect(messages[2]).toMatch(
      /breaks at entry 57 \| Entry 57 \(written yesterday 18:00 UTC\) was changed after it was written/,
    );
    expect(messages[2]).toMatch(
      /Entries 1 to 56 before it check out; the last of them was written yesterday 17:02 UTC/,
    );
    expect(messages[4]).toMatch(/Entries 57 to 59 are missing/);
    expect(messages[6]).toMatch(/Entry 57 is not where it belongs: entry 58 stands in its place/);
    expect(messages[7]).toMatch(/Entry 56 appears twice/);
    expect(messages[9]).toMatch(/this bot has written up to entry 60: the last entries were removed/);
  });
});
