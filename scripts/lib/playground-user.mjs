// Lets the Agents Playground act as any of the sandbox's demo people: PLAYGROUND_USER=megan npm start.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @type {Record<string, [id: string, name: string, alias: string, suffix: string]>} */
const PEOPLE = {
  alex: ['user-id-0', 'Alex Wilber', 'alexw', '20'],
  megan: ['user-id-1', 'Megan Bowen', 'meganb', '21'],
  adele: ['user-id-2', 'Adele Vance', 'adelev', '22'],
  isaiah: ['user-id-3', 'Isaiah Langer', 'isaiahl', '23'],
  patti: ['user-id-4', 'Patti Fernandez', 'pattif', '24'],
  lynne: ['user-id-5', 'Lynne Robbins', 'lynner', '25'],
};

export const PLAYGROUND_PEOPLE = Object.keys(PEOPLE);

/** Who the playground says is typing when PLAYGROUND_USER is `who`: the `from` of the activities it sends. */
export function playgroundPerson(who) {
  const entry = PEOPLE[who];
  if (!entry) throw new Error(`PLAYGROUND_USER must be one of ${PLAYGROUND_PEOPLE.join(', ')}`);
  const [id, name, , suffix] = entry;
  return { id, name, aadObjectId: `00000000-0000-0000-0000-0000000000${suffix}` };
}

function person([id, name, alias, suffix], indent) {
  const [givenName, surname] = name.split(' ');
  const pad = ' '.repeat(indent);
  return [
    `id: ${id}`,
    `name: ${name}`,
    `userPrincipleName: ${alias}@example.com`,
    `aadObjectId: 00000000-0000-0000-0000-0000000000${suffix}`,
    `givenName: ${givenName}`,
    `surname: ${surname}`,
    `email: ${alias}@example.com`,
  ]
    .map((line, index) => (index === 0 ? line : pad + line))
    .join('\n');
}

/** The playground's configuration with `who` as the current user (the others stay available as chat members). */
export function playgroundConfig(who) {
  const current = PEOPLE[who];
  if (!current) throw new Error(`PLAYGROUND_USER must be one of ${PLAYGROUND_PEOPLE.join(', ')}`);
  const others = Object.entries(PEOPLE)
    .filter(([name]) => name !== who)
    .map(([, entry]) => `  - ${person(entry, 4)}`);
  return [
    'version: "0.1.1"',
    'tenantId: 00000000-0000-0000-0000-000000000001',
    'bot:',
    '  id: 00000000-0000-0000-0000-000000000011',
    '  name: AttachOps',
    'currentUser:',
    `  ${person(current, 2)}`,
    'users:',
    ...others,
    // Fixed ids (the built-in configuration's __PERSONAL_CHAT_ID__ placeholders are replaced only in that one): the
    // chat with each person stays the same conversation across restarts, as it does in Teams.
    'personalChat:',
    `  id: personal-chat-${who}`,
    'groupChat:',
    '  id: group-chat-demo',
    '  name: Group Chat',
    'team:',
    '  id: team-id',
    '  name: Endpoint Security',
    '  aadGroupId: 00000000-0000-0000-0000-000000000031',
    '  channels:',
    '    - id: channel-announcements-id',
    '      name: Announcements',
    '',
  ].join('\n');
}

export const DEFAULT_PLAYGROUND_USER = 'alex';

/**
 * Writes the configuration for PLAYGROUND_USER (Alex by default) and returns its path. Always written, so the bot is
 * called AttachOps for every demo user (the built-in configuration calls it "Test Bot").
 */
export function playgroundConfigFile(dir, who = DEFAULT_PLAYGROUND_USER) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `playground-${who}.yml`);
  writeFileSync(file, playgroundConfig(who));
  return file;
}
