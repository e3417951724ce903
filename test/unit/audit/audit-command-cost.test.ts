import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { auditCommand } from '../../../bot/commands/audit.js';
import type { Actor } from '../../../core/actor.js';
import { MAX_SCANNED_PER_PAGE } from '../../../core/audit/audit-query.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';
import { countingStorage } from '../../support/counting-storage.js';
import { visibleCardTexts } from '../../support/visible-card-text.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const isaiah: Actor = { aadObjectId: 'isaiah', channelUserId: '29:isaiah', name: 'Isaiah Langer' };
const START = Date.parse('2026-01-01T00:00:00Z');

function run(index: number, policy = `Policy ${index}`): RunRecord {
  const at = new Date(START + index * 60_000).toISOString();
  return {
    id: `r-a${index}`,
    kind: 'test',
    title: `Create policy "${policy}"`,
    requestedBy: alex,
    conversationId: 'conv-1',
    createdAt: at,
    updatedAt: at,
    endedAt: at,
    status: 'done',
    resources: [],
    steps: [
      {
        id: 's-1',
        kind: 'create-policy',
        title: `Create policy ${policy}`,
        input: { draft: { name: policy } },
        state: 'done',
        attempts: 1,
      },
    ],
  };
}

/** A history of `count` finished runs, each with its entry in the audit log, then the storage requests of commands. */
async function withHistory(count: number) {
  const memory = createMemoryStorage();
  const probe = countingStorage(memory);
  const services = testAppServices({ storage: probe.storage });
  for (let index = 0; index < count; index += 1) {
    const record = run(index);
    await services.runs.store.create(record);
    await services.audit.append({ actor: alex, action: 'run.finished', target: record.id });
  }
  await services.runs.store.page({ limit: 1 }); // the store's one-time list index check, before measuring
  const context = testCommandContext({ services, actor: isaiah, roles: ['reader'] });
  const cost = async (args: Parameters<typeof auditCommand.run>[0]) => {
    const before = probe.requests();
    let text: string;
    try {
      text = visibleCardTexts(await auditCommand.run(args, context)).join('\n');
    } catch (error) {
      text = String(error);
    }
    return { requests: probe.requests() - before, text };
  };
  return { services, cost };
}

describe('audit reads what its page names, never the whole history (issue 28)', () => {
  it('costs the same with 2,500 or 3,000 stored runs, filtered or not, typo or not', async () => {
    const figures: Record<string, number[]> = {};
    for (const count of [2_500, 3_000]) {
      const { cost } = await withHistory(count);
      const shown = {
        page: await cost({}),
        user: await cost({ user: 'alex' }),
        policy: await cost({ policy: `Policy ${count - 3}` }),
        typo: await cost({ user: 'Alx' }),
      };
      expect(shown.page.text).toContain(`Create policy "Policy ${count - 1}"`);
      expect(shown.policy.text).toContain(`Create policy "Policy ${count - 3}"`);
      expect(shown.typo.text).toContain('Nobody by that name');
      expect(shown.typo.text).toContain('Did you mean "Alex Wilber"');
      for (const [name, { requests }] of Object.entries(shown)) (figures[name] ??= []).push(requests);
    }
    console.info('audit storage requests (2,500 runs, 3,000 runs):', JSON.stringify(figures));
    for (const [name, [small, large]] of Object.entries(figures)) {
      expect(large, `${name}: ${small} requests with 2,500 runs, ${large} with 3,000`).toBe(small);
    }
    // a policy matched by one entry searches the page's scan limit, reading each run it passes once: bounded by the
    // limit, not the history (the 2,500-run history already exceeds it)
    expect(figures.policy?.[0]).toBeLessThanOrEqual(MAX_SCANNED_PER_PAGE);
    // a page reads each run it shows (10) plus the one-past-the-page look-ahead at most
    expect(figures.page?.[0]).toBeLessThanOrEqual(12);
    expect(figures.user?.[0]).toBeLessThanOrEqual(12);
  });

  it('names a compacted run from its tombstone, and finds it by its policy', async () => {
    const { services, cost } = await withHistory(3);
    const old = run(100, 'EDR Archived');
    await services.runs.store.create(old);
    await services.runs.store.archive.markFinished(old);
    await services.audit.append({ actor: alex, action: 'run.finished', target: old.id });
    const later = new Date(START + 400 * 24 * 3_600_000);
    // every run of this history ended long before: all are compacted, the tombstones name them
    expect(await services.runs.store.archive.compact(new Date(START + 365 * 24 * 3_600_000), 10, later)).toBe(4);
    expect(await services.runs.store.load(old.id)).toBeUndefined();

    const page = await cost({});
    expect(page.text).toContain('Create policy "EDR Archived"');
    expect(page.text).toContain('policy: EDR Archived');
    const byPolicy = await cost({ policy: 'edr archived' });
    expect(byPolicy.text).toContain('Create policy "EDR Archived"');
    expect(byPolicy.text).not.toContain('Policy 1');
    expect(page.text).toContain('Create policy "Policy 2"');
  });
});
