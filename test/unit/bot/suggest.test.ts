import { describe, expect, it } from 'vitest';
import { closestNames } from '../../../bot/replies/suggest.js';

const names = [
  'help',
  'check',
  'attach',
  'collections',
  'enable',
  'policy create',
  'policy list',
  'assign',
  'approvals',
];

describe('closestNames', () => {
  it('finds typos and prefixes', () => {
    expect(closestNames('hlep', names)).toContain('help');
    expect(closestNames('colections', names)[0]).toBe('collections');
    expect(closestNames('pol', names)).toEqual(['policy create', 'policy list']);
  });

  it('suggests nothing for words far from every command', () => {
    expect(closestNames('frobnicate', names)).toEqual([]);
  });
});
