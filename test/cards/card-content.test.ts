import { describe, expect, it } from 'vitest';
import { findHiddenFactLeaks } from '../support/card-content.js';

const GUID = '3f2a9c1e-0b7d-4e55-9a10-2c4d6e8f0a1b';
const card = (body: unknown[], actions: unknown[] = []) => ({ type: 'AdaptiveCard', version: '1.5', body, actions });
const toggle = (id = 'details') => ({ type: 'Action.ToggleVisibility', title: 'Details', targetElements: [id] });
const leakPaths = (value: unknown) => findHiddenFactLeaks(value).map((leak) => leak.path);

describe('findHiddenFactLeaks', () => {
  it('finds a GUID, a WMI class name and an ISO timestamp in what a reader sees', () => {
    const leaks = findHiddenFactLeaks(
      card([
        { type: 'TextBlock', text: `Created policy EDR pilot (${GUID})` },
        { type: 'TextBlock', text: 'Read from SMS_AAD_Tenant_Ex' },
        { type: 'TextBlock', text: 'Last heartbeat 2026-11-23T09:41:00Z' },
        { type: 'TextBlock', text: 'EDR pilot was created today 09:41 UTC. Next: assign it.' },
      ]),
    );
    expect(leaks.map((leak) => leak.kinds)).toEqual([['guid'], ['wmi-class'], ['iso-timestamp']]);
    expect(leaks[0]?.path).toBe('body[0].text');
  });

  it('looks at facts, rich text runs, action titles, input labels, placeholders and values, and nested cards', () => {
    const value = card(
      [
        { type: 'FactSet', facts: [{ title: 'Group', value: GUID }] },
        { type: 'FactSet', facts: [{ title: 'SMS_Site', value: 'PS1' }] },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: GUID }, 'at 2026-11-23T09:41Z'] },
        { type: 'Input.Text', id: 'q', label: 'SMS_Collection', placeholder: GUID, value: '2026-01-01T00:00' },
        { type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'TextBlock', text: GUID }] }] },
        { type: 'Container', items: [{ type: 'TextBlock', text: GUID }], isVisible: false, id: 'untoggled' },
      ],
      [
        { type: 'Action.Execute', title: `Open ${GUID}`, verb: 'x' },
        { type: 'Action.ShowCard', title: 'More', card: card([{ type: 'TextBlock', text: GUID }]) },
      ],
    );
    expect(leakPaths(value)).toEqual([
      'body[0].facts[0].value',
      'body[1].facts[0].title',
      'body[2].inlines[0].text',
      'body[2].inlines[1]',
      'body[3].label',
      'body[3].placeholder',
      'body[3].value',
      'body[4].columns[0].items[0].text',
      'body[5].items[0].text',
      'actions[0].title',
      'actions[1].card.body[0].text',
    ]);
  });

  it('ignores what sits behind Details, action data, ids and urls', () => {
    const value = card(
      [
        { type: 'TextBlock', text: 'EDR pilot was created.' },
        { type: 'Container', id: 'details', isVisible: false, items: [{ type: 'TextBlock', text: `Id ${GUID}` }] },
        { type: 'Container', id: 'more', isVisible: false, items: [{ type: 'TextBlock', text: 'SMS_AAD_Tenant_Ex' }] },
        { type: 'Image', id: GUID, url: `https://example.test/${GUID}`, altText: 'Chart' },
      ],
      [
        toggle(),
        { type: 'Action.ToggleVisibility', title: 'More', targetElements: [{ elementId: 'more' }] },
        { type: 'Action.Execute', title: 'Assign', verb: 'command.run', data: { policyId: GUID } },
      ],
    );
    expect(findHiddenFactLeaks(value)).toEqual([]);
  });

  it('does not take plain text, short ids and dates for technical facts', () => {
    const value = card([
      { type: 'TextBlock', text: 'Ran 23 Nov 09:41 UTC on collection PS100042, run 3f2a9c1e.' },
      { type: 'TextBlock', text: 'On 2026-11-23 the site SMSPS1 synced.' },
    ]);
    expect(findHiddenFactLeaks(value)).toEqual([]);
  });
});
