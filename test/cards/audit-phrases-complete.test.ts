import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKnownAuditAction } from '../../cards/views/audit-phrases.js';

/** Every `action: '<family>.<name>'` (and each branch of a ternary on that line) written by core/ and bot/. */
function auditActionsWritten(): Set<string> {
  const actions = new Set<string>();
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (name.endsWith('.ts'))
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          if (!/\baction:\s/.test(line)) continue;
          for (const match of line.matchAll(/'((?:run|step|approval|access|intune|drift|rollout)\.[a-z-]+)'/g))
            actions.add(match[1] ?? '');
        }
    }
  };
  visit('core');
  visit('bot');
  return actions;
}

describe('audit phrases', () => {
  it('give every audit action the code writes its own words (none reads as a raw action name)', () => {
    const written = auditActionsWritten();
    expect(written.has('rollout.halted')).toBe(true);
    expect(written.has('drift.detected')).toBe(true);
    expect([...written].filter((action) => !isKnownAuditAction(action))).toEqual([]);
  });
});
