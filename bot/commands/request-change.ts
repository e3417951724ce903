import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { hasChanges, type ChangePlan } from '../../core/approvals/change-plan.js';
import type { CommandContext } from '../context/command-context.js';

/** Every command that changes the tenant ends here: nothing changes until someone else approves the plan. */
export async function requestChange(plan: ChangePlan, context: CommandContext): Promise<AdaptiveCard | undefined> {
  if (!hasChanges(plan)) {
    return renderCard('notice', {
      title: 'Nothing to change',
      message: `${plan.title}: the tenant already matches what you asked for.`,
    });
  }
  await context.access.requireScope(plan.scopeTargets ?? [], plan.title);
  const record = await context.services.approvals.request(plan, context.actor, context.conversation.id);
  await context.approvalCards.announce(record, context.send);
  return undefined;
}
