import type { CommandContext } from '../../../bot/context/command-context.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';
import type { FakeWorld } from './fakes.js';
import { alex } from './step-context.js';

/** The real run engine (memory storage, fake clock) over the fake world, and a command context around it. */
export function appHarness(world: FakeWorld) {
  const services = testAppServices({ tenant: world.services(), countRunIds: true });
  const context: CommandContext = testCommandContext({ services, actor: alex });
  return { clock: services.clock, runs: services.runs, services, context, audit: services.audit };
}
