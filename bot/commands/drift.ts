import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { DriftEpisodes } from '../../core/drift/drift-episodes.js';
import type { DriftItem } from '../../core/drift/policy-drift.js';
import { defineCommand } from '../context/command-context.js';

const KIND_WORDS: Record<DriftItem['kind'], string> = {
  deleted: 'deleted',
  renamed: 'renamed',
  description: 'description changed',
  'scope-tags': 'scope tags changed',
  setting: 'a setting changed',
  'target-added': 'a target added',
  'target-removed': 'a target removed',
  'filter-changed': 'a filter changed',
};

/** Open drift episodes: watched policies that no longer match what was approved. */
export const driftCommand = defineCommand({
  name: 'drift',
  summary: 'Lists the watched policies that no longer match what was approved (open drift episodes).',
  usage: 'drift',
  examples: ['drift'],
  positionals: [],
  args: z.object({}),
  changesTenant: false,
  role: 'reader',
  async run(_args, { services }) {
    const open = await new DriftEpisodes(services.storage, () => '').open();
    if (open.length === 0) {
      return renderCard('notice', {
        title: 'No drift',
        message: 'Every watched policy matches what was approved when last looked at.',
      });
    }
    const lines = open.map((episode) => {
      const kinds = [...new Set((JSON.parse(episode.items) as DriftItem[]).map((item) => KIND_WORDS[item.kind]))];
      return `- ${episode.policyName}: ${kinds.join(', ')}`;
    });
    return renderCard('notice', {
      title: `Drift on ${open.length} ${open.length === 1 ? 'policy' : 'policies'}`,
      message: lines.join('\n'),
      details: open.flatMap((episode) => [
        { title: `${episode.policyName}: episode`, value: episode.id },
        { title: `${episode.policyName}: policy id`, value: episode.policyId },
        { title: `${episode.policyName}: first seen`, value: episode.openedAt },
      ]),
    });
  },
});
