import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownSafe } from '../../cards/markdown-safe.js';
import { renderCard } from '../../cards/render.js';
import { toErrorView } from '../../cards/views/message-view.js';

const EXPRESSIONS = ['${1+1}', '${$root}', '${title}', "${if(true, 'a', 'b')}", '${json($root)}', '${', '}', '$'];
const userText = fc.oneof(
  fc.constantFrom(...EXPRESSIONS),
  fc.tuple(fc.string(), fc.constantFrom(...EXPRESSIONS), fc.string()).map((parts) => parts.join('')),
  fc.string({ unit: 'binary' }),
);

/** User text reaches cards only as data: a template never evaluates it, whatever it contains. */
describe('user text in cards', () => {
  it('is shown literally, never evaluated as a template expression', () => {
    fc.assert(
      fc.property(userText, userText, (title, message) => {
        const card = renderCard('error', toErrorView({ title, message, correlationId: 'ref' }));
        const texts = (card.body as { text?: string }[]).map((element) => element.text);
        // Literally, except that what Teams would take for a tag shows as ‹…› (cards/markdown-safe.ts).
        expect(texts[0]).toBe(markdownSafe(title));
        expect(texts[1]).toBe(markdownSafe(message));
      }),
      { seed: 20261129, numRuns: 100 },
    );
  });
});
