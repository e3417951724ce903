import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { summaryCard, SUMMARY_PAGE_SIZE } from '../../../bot/compliance/compliance-cards.js';
import { renderCard } from '../../../cards/render.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { cardProblems, executeVerbs } from '../../support/card-parser.js';
import { FakeClock } from '../../support/fake-clock.js';
import { compliancePolicyFixtures, complianceSummaryFixtures } from './card-fixtures.js';
import { counts, deviceRows, FakeComplianceTenant } from './fakes.js';

const MAX_CARD_BYTES = 28 * 1024;

function findAll(node: unknown, type: string): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap((item) => findAll(item, type));
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  return [...(record.type === type ? [record] : []), ...Object.values(record).flatMap((value) => findAll(value, type))];
}

describe('the compliance summary card', () => {
  it('pages 100 policies with long names into cards under 28 KB, each with a next-page button until the last', async () => {
    const tenant = new FakeComplianceTenant();
    for (let index = 0; index < 100; index += 1) {
      const id = tenant.addPolicy(
        `${'Endpoint detection and response for every workstation '.repeat(4)}${index}`,
        index % 5 === 0 ? 'intune-edr' : 'configmgr-edr',
      );
      tenant.summaries.set(id, counts(index, 100 - index, 3, 7));
      tenant.reports.set(id, deviceRows({ Succeeded: index, 'Not compliant': 3 }));
    }
    const context = {
      tenant,
      storage: createMemoryStorage(),
      clock: new FakeClock(),
      log: silentLogger,
      conversationId: '19:c',
    };
    const pages = Math.ceil(100 / SUMMARY_PAGE_SIZE);
    for (let page = 1; page <= pages; page += 1) {
      const card = await summaryCard(context, { page, samePost: page > 1 });
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
      expect(cardProblems(card)).toEqual([]);
      expect(executeVerbs(card).includes('compliance.page')).toBe(true);
      const pageActions = (card.actions as { verb?: string; title?: string; data?: unknown }[]).filter(
        (action) => action.verb === 'compliance.page',
      );
      expect(pageActions.some((action) => action.title === 'Next page')).toBe(page < pages);
    }
    expect(tenant.summaryCalls.every((call) => call.length === 80)).toBe(true);
  });

  it('draws a donut with a text fallback, and none for a policy with no devices targeted', () => {
    const card = renderCard('compliance-summary', complianceSummaryFixtures[0]!);
    const donuts = findAll(card, 'Chart.Donut');
    expect(donuts).toHaveLength(2);
    expect(donuts[0]?.fallback).toMatchObject({ type: 'TextBlock' });
    expect(JSON.stringify(donuts[0]?.data)).toContain('"legend":"Compliant"');
    const json = JSON.stringify(card);
    expect(json).toContain('No devices targeted yet');
    expect(json).toContain(
      'Since the previous summary (yesterday 09:00 UTC): +10 compliant, −2 not compliant, −8 pending, +8.3 pts',
    );
    expect(json).toContain('Changes are since the previous summary here, posted yesterday 09:00 UTC.');
    expect(json).not.toMatch(/NaN|Infinity/);
  });

  it('offers the drill-in only for Intune policies, and the admin center link for ConfigMgr ones', () => {
    const [intune, configMgr, empty] = compliancePolicyFixtures.map((view) => renderCard('compliance-policy', view));
    expect(executeVerbs(intune)).toEqual(['compliance.devices']);
    expect(executeVerbs(configMgr)).toEqual([]);
    expect(JSON.stringify(configMgr)).toContain('https://intune.microsoft.com/');
    expect(JSON.stringify(configMgr)).toMatch(/not device by device/);
    expect(findAll(empty, 'Chart.Donut')).toEqual([]);
  });
});
