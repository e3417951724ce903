import { afterEach, describe, expect, it } from 'vitest';
import { createGraphAdapters } from '../../adapters/graph/create-graph-adapters.js';
import { systemClock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../adapters/graph/graph-directory.js';
import { DEMO_USERS } from '../../sandbox/index.js';
import { type SandboxUpstream, sandboxUpstream } from './sandbox-upstream.js';

let upstream: SandboxUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

const ELIGIBILITY_PATH = '/graph/beta/roleManagement/directory/roleEligibilityScheduleInstances';

function directoryOf(running: SandboxUpstream) {
  return createGraphAdapters({ client: running.client, logger: silentLogger, clock: systemClock }).directory;
}

describe('Global Administrator eligibility (PIM) through the Graph adapter against the sandbox', () => {
  it('finds the eligible-not-active user, and nobody else, filtered to the user and the role', async () => {
    upstream = await sandboxUpstream({ scenario: 'ready' });
    const directory = directoryOf(upstream);
    expect(await directory.globalAdministratorEligibility(DEMO_USERS.operator.id)).toBe('eligible');
    expect(await directory.isGlobalAdministrator(DEMO_USERS.operator.id)).toBe(false);
    expect(await directory.globalAdministratorEligibility(DEMO_USERS.plainUser.id)).toBe('not-eligible');
    // Alex holds the role actively: that is not an eligibility.
    expect(await directory.globalAdministratorEligibility(DEMO_USERS.admin.id)).toBe('not-eligible');
    const reads = (await upstream.requests()).filter((entry) => entry.path === ELIGIBILITY_PATH);
    expect(reads).toHaveLength(3);
    const filter = new URLSearchParams(reads[0]?.query ?? '').get('$filter');
    expect(filter).toBe(
      `principalId eq '${DEMO_USERS.operator.id}' and roleDefinitionId eq '${GLOBAL_ADMINISTRATOR_ROLE_ID}'`,
    );
  });

  it('sees someone made eligible through the control API', async () => {
    upstream = await sandboxUpstream({ scenario: 'ready' });
    const directory = directoryOf(upstream);
    expect(await directory.globalAdministratorEligibility(DEMO_USERS.plainUser.id)).toBe('not-eligible');
    await upstream.control('POST', '/directory/role-eligibility', { principalId: DEMO_USERS.plainUser.id });
    expect(await directory.globalAdministratorEligibility(DEMO_USERS.plainUser.id)).toBe('eligible');
  });

  it('answers not-permitted on the 403 of an app without an eligibility permission, and keeps the active read', async () => {
    upstream = await sandboxUpstream({ scenario: 'ready' });
    // Before the first token: an app consented Directory.Read.All instead of RoleManagement.Read.Directory.
    await upstream.control('POST', '/app/permissions', {
      grant: ['Directory.Read.All'],
      revoke: ['RoleManagement.Read.Directory'],
    });
    const directory = directoryOf(upstream);
    expect(await directory.globalAdministratorEligibility(DEMO_USERS.operator.id)).toBe('not-permitted');
    expect(await directory.isGlobalAdministrator(DEMO_USERS.admin.id)).toBe(true);
    const refused = (await upstream.requests()).filter((entry) => entry.path === ELIGIBILITY_PATH);
    expect(refused.map((entry) => entry.status)).toEqual([403]);
  });

  it('reads eligibility with the least permission alone (RoleEligibilitySchedule.Read.Directory)', async () => {
    upstream = await sandboxUpstream({ scenario: 'ready' });
    await upstream.control('POST', '/app/permissions', {
      grant: ['RoleEligibilitySchedule.Read.Directory', 'Directory.Read.All'],
      revoke: ['RoleManagement.Read.Directory'],
    });
    expect(await directoryOf(upstream).globalAdministratorEligibility(DEMO_USERS.operator.id)).toBe('eligible');
  });
});
