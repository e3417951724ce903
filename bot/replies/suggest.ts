import { distance } from 'fastest-levenshtein';

/** The known names closest to what the user typed, best first. */
export function closestNames(typed: string, names: readonly string[], limit = 3): string[] {
  const word = typed.toLowerCase();
  const tolerance = Math.max(2, Math.floor(word.length / 2));
  return names
    .map((name) => ({ name, score: score(word, name.toLowerCase()) }))
    .filter(({ score: value }) => value <= tolerance)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ name }) => name);
}

function score(word: string, name: string): number {
  const firstWord = name.split(' ')[0] ?? name;
  if (word.length >= 3 && (name.startsWith(word) || firstWord.startsWith(word))) return 0;
  return Math.min(distance(word, name), distance(word, firstWord));
}
