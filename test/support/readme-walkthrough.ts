/**
 * The README's walkthrough, read as steps. The block after the `<!-- walkthrough -->` marker is the script: each line
 * starts with the window it is typed in, `Alex:` or `Megan:` (a playground window, `npm start` opens one per person)
 * or `terminal:`; in a playground window it is a chat command or a button press (`[Verify]`), in the terminal a console
 * action (`curl …` against the sandbox's control API). What follows `#` is prose, except "quoted text", which the
 * bot's answer to that step must contain.
 */
export type WalkthroughStep =
  | {
      readonly kind: 'say';
      readonly window: string;
      readonly text: string;
      readonly expect: readonly string[];
      readonly line: string;
    }
  | {
      readonly kind: 'press';
      readonly window: string;
      readonly title: string;
      readonly expect: readonly string[];
      readonly line: string;
    }
  | {
      readonly kind: 'console';
      readonly method: string;
      readonly path: string;
      readonly body: unknown;
      readonly expect: readonly string[];
      readonly line: string;
    };

const MARKER = '<!-- walkthrough -->';
/** `Alex:  check`: the window, then what is typed or pressed in it. */
const WINDOW = /^([A-Za-z]+):\s+(\S.*)$/;
const TERMINAL = 'terminal';
const PRESS = /^\[([^\]]+)\]$/;
const CURL_URL = /https:\/\/127\.0\.0\.1:8443(\/_sandbox\/\S+)/;
const CURL_BODY = /-d '([^']*)'/;

export function walkthroughBlock(readme: string): string[] {
  const start = readme.indexOf(MARKER);
  if (start < 0) throw new Error(`README.md has no ${MARKER} marker`);
  const fence = readme.indexOf('```', start);
  const open = readme.indexOf('\n', fence) + 1;
  const close = readme.indexOf('\n```', open);
  if (fence < 0 || close < 0) throw new Error('the walkthrough marker is not followed by a fenced block');
  return readme.slice(open, close).split('\n');
}

/** Splits `command   # prose "expected"` into the command and the quoted expectations (a `#` inside quotes stays). */
function splitComment(line: string): { action: string; expect: string[] } {
  let inQuote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (ch === '"' || ch === "'") inQuote = inQuote === ch ? undefined : (inQuote ?? ch);
    if (ch === '#' && !inQuote && (i === 0 || line[i - 1] === ' ')) {
      const comment = line.slice(i + 1);
      return { action: line.slice(0, i).trim(), expect: [...comment.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '') };
    }
  }
  return { action: line.trim(), expect: [] };
}

function parseCurl(action: string): { method: string; path: string; body: unknown } {
  const url = CURL_URL.exec(action)?.[1];
  if (!url) throw new Error(`a curl step must call the sandbox at https://127.0.0.1:8443/_sandbox/…: ${action}`);
  const method = /-X (\w+)/.exec(action)?.[1] ?? 'GET';
  const raw = CURL_BODY.exec(action)?.[1];
  return { method, path: url, body: raw === undefined ? undefined : (JSON.parse(raw) as unknown) };
}

export function parseWalkthrough(readme: string): WalkthroughStep[] {
  const steps: WalkthroughStep[] = [];
  for (const line of walkthroughBlock(readme)) {
    const { action, expect } = splitComment(line);
    const previous = steps.at(-1);
    if (action === '') {
      // A comment-only line continues the previous step's prose (and its expectations).
      if (previous && expect.length > 0)
        steps[steps.length - 1] = { ...previous, expect: [...previous.expect, ...expect] };
      continue;
    }
    const inWindow = WINDOW.exec(action);
    if (!inWindow) throw new Error(`a walkthrough line must start with its window (Alex:, Megan:, terminal:): ${line}`);
    const window = (inWindow[1] ?? '').toLowerCase();
    const typed = (inWindow[2] ?? '').trim();
    const press = PRESS.exec(typed);
    if (window === TERMINAL) {
      if (!typed.startsWith('curl ')) throw new Error(`only curl lines are typed in the terminal: ${line}`);
      steps.push({ kind: 'console', ...parseCurl(typed), expect, line });
    } else if (typed.startsWith('curl ')) throw new Error(`a curl line belongs in the terminal: ${line}`);
    else if (press) steps.push({ kind: 'press', window, title: press[1] ?? '', expect, line });
    else steps.push({ kind: 'say', window, text: typed, expect, line });
  }
  return steps;
}
