import { parseArgsStringToArgv } from 'string-argv';

const TYPOGRAPHIC_QUOTES: Readonly<Record<string, string>> = {
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2018': "'",
  '\u2019': "'",
};

/** Teams clients turn straight quotes into typographic ones; users still mean quoting. */
export function normalizeQuotes(text: string): string {
  return text.replace(/[\u201c\u201d\u201e\u2018\u2019]/g, (quote) => TYPOGRAPHIC_QUOTES[quote] ?? quote);
}

export function tokenize(text: string): string[] {
  return parseArgsStringToArgv(normalizeQuotes(text.replace(/\u00a0/g, ' ')).trim());
}
