import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandLines } from '../../cards/command-lines.js';
import { renderCard } from '../../cards/render.js';
import { cloudSyncCommandLine } from '../../core/workflow/enable-collection-guidance.js';
import { visibleCardTexts } from '../support/visible-card-text.js';
import { fixtures } from './fixtures.js';

/** Back to the one line PowerShell runs: each continuation (space, backtick, line break) is one space. */
const joined = (lines: readonly string[]) => lines.map((line) => line.replace(/ `$/, '')).join(' ');

describe('a PowerShell command on a card', () => {
  it('is one parameter a line, with line continuations, so it never wraps inside a parameter', () => {
    expect(commandLines(cloudSyncCommandLine('PS100042'))).toEqual([
      'Set-CMCollectionCloudSync `',
      '-Id PS100042 `',
      '-EnableAssignEndpointSecurityPolicy $true',
    ]);
    // The longest line fits a Teams card's column in the monospace font (about 55 characters at 446 px).
    for (const line of commandLines(cloudSyncCommandLine('PS1ABCDE'))) expect(line.length).toBeLessThanOrEqual(45);
  });

  it('runs as the same command when pasted (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,20}$/);
    const parameter = fc.tuple(word, fc.option(fc.stringMatching(/^[A-Za-z0-9$'"]{1,12}$/), { nil: undefined }));
    fc.assert(
      fc.property(word, fc.array(parameter, { maxLength: 6 }), (cmdlet, parameters) => {
        const line = [
          `Set-${cmdlet}`,
          ...parameters.map(([name, value]) => `-${name}${value ? ` ${value}` : ''}`),
        ].join(' ');
        const lines = commandLines(line);
        expect(joined(lines)).toBe(line);
        expect(lines).toHaveLength(parameters.length + 1);
      }),
    );
  });

  it('is rendered one line a TextBlock on the console-step and run cards', () => {
    const rendered = [
      ...fixtures['console-step'].map((view) => renderCard('console-step', view)),
      ...fixtures['run-progress'].map((view) => renderCard('run-progress', view)),
    ].flatMap((card) => visibleCardTexts(card));
    expect(rendered).toContain('-EnableAssignEndpointSecurityPolicy $true');
    expect(rendered.some((text) => text.includes('Set-CMCollectionCloudSync -Id'))).toBe(false);
  });
});
