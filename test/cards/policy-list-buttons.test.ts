import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/render.js';
import { toPolicyListView } from '../../cards/views/policy-list-view.js';
import type { PolicyListItem } from '../../core/policy/managed-policy.js';

/** The `command.run` buttons of a rendered card, as `title: command`. */
function commandButtons(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(commandButtons);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own =
    record.type === 'Action.Execute' && record.verb === 'command.run'
      ? [`${String(record.title)}: ${String((record.data as { command?: unknown }).command)}`]
      : [];
  return [...own, ...Object.values(record).flatMap(commandButtons)];
}

const policy = (id: string, name: string, managedByAttachOps: boolean): PolicyListItem => ({
  id,
  name,
  description: '',
  kind: 'configmgr-edr',
  managedByAttachOps,
  isAssigned: false,
});

describe('policy list rows', () => {
  it('each have Show, and Compliance where AttachOps made the policy (the ones compliance reports on)', () => {
    const card = renderCard(
      'policy-list',
      toPolicyListView({
        query: { all: true, page: 1 },
        rows: [policy('p-1', 'EDR pilot', true), policy('p-2', 'Made in the portal', false)],
        total: 2,
        pageCount: 1,
      }),
    );
    expect(commandButtons(card)).toEqual([
      'Show: policy show p-1',
      'Compliance: compliance p-1',
      'Show: policy show p-2',
    ]);
  });
});
