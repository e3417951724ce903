import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/render.js';

describe('parsed templates are reused', () => {
  it('renders one template many times with different views, each card its own', () => {
    const first = renderCard('notice', { title: 'First', message: 'one' });
    const second = renderCard('notice', { title: 'Second', message: 'two' });
    const again = renderCard('notice', { title: 'First', message: 'one' });
    expect(JSON.stringify(first)).toContain('First');
    expect(JSON.stringify(second)).toContain('Second');
    expect(JSON.stringify(second)).not.toContain('First');
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });
});
