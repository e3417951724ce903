import { z } from 'zod';
import { profiles } from '../../core/policy/catalog/index.js';
import type { FlagDefinition } from '../../core/policy/catalog/profile-definition.js';

/**
 * Every setting flag of every profile in the catalog, with the values its definition allows, so a wrong value is named
 * with the allowed ones when the words are bound; core checks again which flags fit the chosen profile and target.
 */
export const settingFlags = Object.fromEntries(
  profiles.flatMap((profile) => profile.flags).map((flag) => [flag.key, flagSchema(flag)]),
);

function flagSchema(flag: FlagDefinition): z.ZodOptional<z.ZodType<string>> {
  switch (flag.kind) {
    case 'toggle':
      return z.enum(['on', 'off']).optional();
    case 'choice':
      return z.enum((flag.choices ?? []) as [string, ...string[]]).optional();
    case 'list':
    case 'text':
      return z.string().trim().min(1).max(4000).optional();
  }
}
