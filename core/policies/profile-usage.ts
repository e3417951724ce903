import {
  flagsFor,
  type PolicyTarget,
  type ProfileDefinition,
  targetSpec,
} from '../policy/catalog/profile-definition.js';
import { allowedValues, kebab } from './create-flags.js';

const TARGET_WORDS: Record<PolicyTarget, string> = { intune: 'Intune only', configmgr: 'ConfigMgr only' };

/** `help policy create <profile>`: exactly that profile's flags, from its catalog file. */
export function profileUsage(profile: ProfileDefinition): { usage: string; summary: string; examples: string[] } {
  const targets = (['intune', 'configmgr'] as const).filter((target) => targetSpec(profile, target));
  const both = profile.flags.filter((flag) => targets.every((target) => flagsFor(profile, target).includes(flag)));
  const only = targets.flatMap((target) =>
    targets.length > 1
      ? profile.flags
          .filter((flag) => !both.includes(flag) && flagsFor(profile, target).includes(flag))
          .map((flag) => ({ target, flag }))
      : [],
  );
  const describe = (flag: (typeof profile.flags)[number]): string =>
    `--${kebab(flag.key)} <${allowedValues(flag)}>${flag.help ? ` (${flag.help})` : ''}`;
  const parts = [
    `policy create ${profile.id} --target <${targets.join('|')}> --name "<name>" [--description "<text>"]`,
    ...both.map((flag) => `[${describe(flag)}]`),
    ...only.map(({ target, flag }) => `[${TARGET_WORDS[target]}: ${describe(flag)}]`),
    ...(targets.includes('intune') ? ['[Intune only: --scope-tags "<tag>,<tag>"]'] : []),
  ];
  const preview = targets.filter((target) => targetSpec(profile, target)?.preview);
  const minimum = profile.configMgrMinimum ? ` ConfigMgr sites need ${profile.configMgrMinimum.text}.` : '';
  const previewNote =
    preview.length > 0
      ? ` Preview for ${preview.map((target) => (target === 'intune' ? 'Intune' : 'ConfigMgr')).join(' and ')}.`
      : '';
  const first = profile.flags[0];
  const example = `policy create ${profile.id} --target ${targets[targets.length - 1] ?? 'configmgr'} --name "${profile.title}"${
    first ? ` --${kebab(first.key)} ${exampleValue(first)}` : ''
  }`;
  return {
    usage: parts.join(' '),
    summary: `Plans a ${profile.title} policy (${targets.map((target) => (target === 'intune' ? 'Azure AD groups' : 'ConfigMgr collections')).join(' or ')}); someone else approves it.${minimum}${previewNote}`,
    examples: [example],
  };
}

function exampleValue(flag: ProfileDefinition['flags'][number]): string {
  if (flag.kind === 'toggle') return 'on';
  if (flag.kind === 'choice') return flag.choices?.[flag.choices.length - 1] ?? '';
  return '"<value>"';
}
