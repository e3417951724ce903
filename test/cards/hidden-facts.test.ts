import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/render.js';
import type { TemplateName } from '../../cards/templates.js';
import { fixtures } from './fixtures.js';

const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}\b/i;
const WMI_CLASS = /\bSMS_\w+/;
const ISO_TIME = /\b\d{4}-\d\d-\d\dT\d\d:\d\d/;

/** Text a person sees without pressing Details: every string under the body and action titles, minus the details part. */
function visibleText(node: unknown, key = ''): string[] {
  if (typeof node === 'string')
    return ['text', 'title', 'value', 'altText', 'fallbackText'].includes(key) ? [node] : [];
  if (Array.isArray(node)) return node.flatMap((item) => visibleText(item, key));
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  if (record.id === 'details' && record.isVisible === false) return [];
  return Object.entries(record).flatMap(([childKey, value]) =>
    childKey === 'data' ? [] : visibleText(value, childKey),
  );
}

const MINE: readonly TemplateName[] = [
  'compliance-summary',
  'compliance-policy',
  'compliance-devices',
  'compliance-subscriptions',
  'collections',
  'welcome',
];

describe('the compliance, collections and welcome cards', () => {
  for (const name of MINE) {
    it(`${name}: no GUID, WMI class or ISO time outside a hidden Details part, which a Details button reveals`, () => {
      for (const view of fixtures[name]) {
        const card = renderCard(name, view as never);
        const text = visibleText(card).join('\n');
        expect(text).not.toMatch(GUID);
        expect(text).not.toMatch(WMI_CLASS);
        expect(text).not.toMatch(ISO_TIME);
        const json = JSON.stringify(card);
        if (json.includes('"id":"details"'))
          expect(json).toContain('{"type":"Action.ToggleVisibility","title":"Details","targetElements":["details"]}');
      }
    });
  }
});
