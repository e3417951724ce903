import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/render.js';
import { toRunProgressView } from '../../cards/views/run-view.js';
import { visibleCardTexts } from '../support/visible-card-text.js';
import { intuneApproved, intuneHeld } from './run-fixtures.js';

const now = new Date('2026-11-23T10:00:00Z');

describe('the Intune box on the progress card', () => {
  it('shows the hold, its expiry and approvers, in amber, while Intune has not decided', () => {
    const view = toRunProgressView(intuneHeld, now);
    expect(view.intuneGate).toMatchObject({ pending: true, style: 'warning' });
    const texts = visibleCardTexts(renderCard('run-progress', view)).join('\n');
    expect(texts).toContain('Intune holds this change for Multi Admin Approval');
    expect(texts).toContain('Expires');
    expect(texts).toContain('SG-Intune-Approvers');
  });

  it('shows the outcome instead of the hold once Intune decided: no expiry, no amber', () => {
    const view = toRunProgressView(intuneApproved, now);
    expect(view.intuneGate).toMatchObject({ pending: false, style: 'good' });
    const texts = visibleCardTexts(renderCard('run-progress', view)).join('\n');
    expect(texts).not.toContain('Intune holds this change');
    expect(texts).not.toContain('Expires');
    expect(texts).toContain('Approved in Intune by Patti Fernandez; the change was made.');
    const rejected = toRunProgressView(
      {
        ...intuneApproved,
        status: 'failed',
        steps: intuneApproved.steps.map((step) => ({
          ...step,
          wait: step.wait && { ...step.wait, state: { ...(step.wait.state as object), status: 'rejected' } },
        })),
      },
      now,
    );
    expect(rejected.intuneGate).toMatchObject({ pending: false, style: 'attention' });
  });
});
