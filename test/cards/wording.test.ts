import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/render.js';
import { templates, type TemplateName } from '../../cards/templates.js';
import { wordingProblems } from '../support/wording.js';
import { visibleCardTexts } from '../support/visible-card-text.js';
import { fixtures } from './fixtures.js';

describe('the wording of every card fixture', () => {
  it('the check finds each kind of problem, and passes good sentences', () => {
    expect(wordingProblems('Waits for 1 more approval(s)')).toHaveLength(1);
    expect(wordingProblems('Access policies protect: configurationPolicy.')).toHaveLength(1);
    expect(wordingProblems('Intune lists 1 synced collections: PS100042')).toHaveLength(1);
    expect(wordingProblems('1 collections are enabled')).toHaveLength(1);
    expect(wordingProblems('3 device not compliant')).toHaveLength(1);
    expect(wordingProblems('step waiting-for-admin')).toHaveLength(1);
    expect(wordingProblems('1 device · 2 devices · 0 of 1 approval · 1 more approval · 12 policies')).toEqual([]);
  });

  for (const name of Object.keys(templates) as TemplateName[]) {
    it(`${name}: no "(s)", raw enum value or count that disagrees with its noun`, () => {
      for (const view of fixtures[name]) {
        const texts = visibleCardTexts(renderCard(name, view as never));
        expect(texts.flatMap(wordingProblems)).toEqual([]);
      }
    });
  }
});
