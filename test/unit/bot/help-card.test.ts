import { describe, expect, it } from 'vitest';
import { helpCard } from '../../../bot/replies/help-card.js';
import { commands } from '../../../bot/commands/index.js';
import type { Role } from '../../../core/access/roles.js';

function contextFor(granted: readonly Role[]) {
  return { commands, access: { may: (needed: Role | 'anyone') => needed === 'anyone' || granted.includes(needed) } };
}

describe('the help card', () => {
  it('is rendered once per set of allowed commands and handed out frozen, so no turn can change another caller’s help', () => {
    const reader = helpCard(contextFor(['reader']));
    expect(helpCard(contextFor(['reader']))).toBe(reader);
    expect(Object.isFrozen(reader)).toBe(true);
    expect(() => {
      (reader as unknown as { body: unknown[] }).body.push({ type: 'TextBlock', text: 'leaked' });
    }).toThrow(TypeError);
    expect(JSON.stringify(helpCard(contextFor(['reader'])))).not.toContain('leaked');
  });

  it('differs by role: a reader is told who grants what an operator may run', () => {
    const reader = JSON.stringify(helpCard(contextFor(['reader'])));
    const operator = JSON.stringify(helpCard(contextFor(['reader', 'operator'])));
    expect(reader).not.toEqual(operator);
    expect(reader).toContain('ROLE_OPERATORS');
  });
});
