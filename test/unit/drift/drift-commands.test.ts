import { describe, expect, it } from 'vitest';
import { driftCommand } from '../../../bot/commands/drift.js';
import { driftCheckCommand } from '../../../bot/commands/drift-check.js';
import { DRIFT_LAST_CYCLE_KEY } from '../../../bot/drift/start-drift-watch.js';
import { baselineFrom } from '../../../core/drift/baseline-recorder.js';
import { DriftEpisodes } from '../../../core/drift/drift-episodes.js';
import { policyDrift } from '../../../core/drift/policy-drift.js';
import type { TenantServices } from '../../../core/tenant-services.js';
import { isUserFacingError } from '../../../core/user-facing-error.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';
import { visibleCardTexts } from '../../support/visible-card-text.js';
import { InMemoryDriftReads } from './in-memory-drift-reads.js';

const actor = { channelUserId: '29:alex', name: 'Alex Wilber', aadObjectId: '11111111-1111-4111-8111-111111111111' };

describe('the drift commands', () => {
  it('drift lists each open episode by policy name and what changed, ids behind Details', async () => {
    const services = testAppServices();
    const baseline = baselineFrom(
      '0f6c5a3e-8a0b-4f1e-9d2c-3b4a5c6d7e8f',
      { policy: { name: 'EDR - Finance', settings: [] }, assignments: [] },
      '2026-12-05T10:00:00.000Z',
      {},
    );
    const renamed = { ...baseline.state, name: 'EDR - Finance (old)' };
    await new DriftEpisodes(services.storage, () => 'd-1').record({
      baseline,
      items: policyDrift(baseline.state, renamed),
      seenAt: '2026-12-05T16:00:00.000Z',
    });
    const card = await driftCommand.run({}, testCommandContext({ services, actor }));
    const visible = visibleCardTexts(card).join('\n');
    expect(visible).toContain('Drift on 1 policy');
    expect(visible).toContain('EDR - Finance: renamed');
    expect(visible).not.toContain('0f6c5a3e');
  });

  it('drift says there is none when no episode is open', async () => {
    const card = await driftCommand.run({}, testCommandContext({ services: testAppServices(), actor }));
    expect(visibleCardTexts(card).join('\n')).toContain('No drift');
  });

  it('drift check clears the last cycle so the watching instance looks at its next tick', async () => {
    const tenant = { driftReads: new InMemoryDriftReads() } as unknown as TenantServices;
    const services = testAppServices({ tenant });
    await services.storage.put(DRIFT_LAST_CYCLE_KEY, { at: '2026-12-05T16:00:00.000Z' });
    await driftCheckCommand.run({}, testCommandContext({ services, actor, roles: ['operator'] }));
    expect(await services.storage.get(DRIFT_LAST_CYCLE_KEY)).toBeUndefined();
    const refused = driftCheckCommand.run({}, testCommandContext({ services: testAppServices(), actor }));
    await expect(refused).rejects.toSatisfy(isUserFacingError);
  });
});
