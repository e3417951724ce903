// Who gets a playground window: PLAYGROUND_USERS=alex,megan (the default) opens one per person, side by side on
// consecutive ports, all chatting with the one bot and the one sandbox tenant; PLAYGROUND_USERS=alex is a single window.
import { DEFAULT_PLAYGROUND_USER, PLAYGROUND_PEOPLE } from './playground-user.mjs';

/** The requester and the approver of the README's walkthrough. */
export const DEFAULT_PLAYGROUND_USERS = ['alex', 'megan'];

/**
 * The people to open a playground for, in window order. PLAYGROUND_USER (one person, the older variable) still works
 * when PLAYGROUND_USERS is unset.
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function playgroundUsers(env) {
  const listed = env.PLAYGROUND_USERS?.trim() || env.PLAYGROUND_USER?.trim();
  if (!listed) return [...DEFAULT_PLAYGROUND_USERS];
  const users = listed
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = users.filter((name) => !PLAYGROUND_PEOPLE.includes(name));
  if (unknown.length > 0)
    throw new Error(`PLAYGROUND_USERS: ${unknown.join(', ')} unknown; choose from ${PLAYGROUND_PEOPLE.join(', ')}`);
  const twice = users.filter((name, index) => users.indexOf(name) !== index);
  if (twice.length > 0) throw new Error(`PLAYGROUND_USERS names ${twice.join(', ')} twice: one window per person`);
  return users.length > 0 ? users : [DEFAULT_PLAYGROUND_USER];
}

/** "Alex" for `alex`: how the start-up lines name a window. */
export function windowName(who) {
  return who.charAt(0).toUpperCase() + who.slice(1);
}
