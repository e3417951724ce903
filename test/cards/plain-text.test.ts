import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/render.js';
import { toRunProgressView } from '../../cards/views/run-view.js';
import { plainText } from '../../cards/views/technical-text.js';
import type { RunRecord } from '../../core/runs/run-record.js';
import { findHiddenFactLeaks } from '../support/card-content.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const POLICY_ID = '3f2a9c1e-0b7d-4e55-9a10-2c4d6e8f0a1b';

describe('plain text on cards', () => {
  it('moves ids and class names in parentheses to Details and reads exact times against now', () => {
    expect(plainText(`Created policy EDR pilot (${POLICY_ID})`, NOW)).toEqual({
      text: 'Created policy EDR pilot',
      technical: [POLICY_ID],
    });
    expect(plainText('Waits for 1 more approval(s) until 2026-11-24T09:00:00.000Z.', NOW).text).toBe(
      'Waits for 1 more approval(s) until tomorrow 09:00 UTC.',
    );
    expect(plainText('Read SMS_AAD_Tenant_Ex for tenant x', NOW)).toEqual({
      text: 'Read an id shown in Details for tenant x',
      technical: ['SMS_AAD_Tenant_Ex'],
    });
    expect(plainText('Collection Servers (PS100042) is enabled', NOW).text).toBe(
      'Collection Servers (PS100042) is enabled',
    );
  });

  it('shows the progress card\'s "Created policy" step without its id, which is behind Details', () => {
    const run: RunRecord = {
      id: 'r-abc123',
      kind: 'policy-create',
      title: 'Create EDR policy "EDR pilot"',
      requestedBy: { aadObjectId: 'a', channelUserId: '29:a', name: 'Alex' },
      conversationId: 'conv-1',
      createdAt: '2026-11-23T09:00:00Z',
      updatedAt: '2026-11-23T09:01:00Z',
      status: 'done',
      resources: [],
      steps: [
        {
          id: 's1',
          kind: 'policy-create',
          title: 'Create policy EDR pilot',
          state: 'done',
          input: {},
          attempts: 1,
          message: `Created policy EDR pilot (${POLICY_ID})`,
        },
      ],
    };
    const card = renderCard('run-progress', toRunProgressView(run, NOW));
    const json = JSON.stringify(card);
    expect(findHiddenFactLeaks(card)).toEqual([]);
    expect(json).toContain('"Created policy EDR pilot"');
    expect(json).toContain(`{"type":"Container","id":"details","isVisible":false`);
    expect(json).toContain(POLICY_ID);
    expect(json).toContain('{"type":"Action.ToggleVisibility","title":"Details","targetElements":["details"]}');
  });
});
