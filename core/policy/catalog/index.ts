import { antivirusProfile } from './antivirus.js';
import { asrRulesProfile } from './asr-rules.js';
import { edrProfile } from './edr.js';
import { exploitProtectionProfile } from './exploit-protection.js';
import { firewallRulesProfile } from './firewall-rules.js';
import { firewallProfile } from './firewall.js';
import type { ProfileDefinition } from './profile-definition.js';
import { securityExperienceProfile } from './security-experience.js';
import { webProtectionProfile } from './web-protection.js';

/** Every profile AttachOps creates, in the order of help and `check`. Add a profile here (CONTRIBUTING.md). */
export const profiles: readonly ProfileDefinition[] = [
  edrProfile,
  antivirusProfile,
  securityExperienceProfile,
  asrRulesProfile,
  webProtectionProfile,
  exploitProtectionProfile,
  firewallProfile,
  firewallRulesProfile,
];

export function findProfile(id: string, list: readonly ProfileDefinition[] = profiles): ProfileDefinition | undefined {
  return list.find((profile) => profile.id === id.toLowerCase());
}

export function profileOrThrow(id: string): ProfileDefinition {
  const found = findProfile(id);
  if (!found) throw new Error(`unknown policy profile '${id}'`);
  return found;
}

export const PROFILE_IDS = profiles.map((profile) => profile.id);

/**
 * The catalog's profiles by their short names, for sentences ("EDR, Antivirus, … or Firewall rules"): every text that
 * lists the profiles reads it here, so a profile added to `profiles` appears in it.
 */
export function profileNamesText(conjunction: 'and' | 'or', list: readonly ProfileDefinition[] = profiles): string {
  const names = list.map((profile) => profile.short);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1) ?? ''}`;
}
