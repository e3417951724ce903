import { afterAll, expect } from 'vitest';
import { takeSentCardLeaks } from './sent-card-leaks.js';

// Runs with every test file (vitest setupFiles): a card sent with a GUID, a WMI class name or an ISO timestamp outside
// its Details part fails the file that sent it.
afterAll(() => {
  const leaks = takeSentCardLeaks();
  expect(leaks, `cards sent with technical facts outside Details:\n${leaks.join('\n')}`).toEqual([]);
});
