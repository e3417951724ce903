/**
 * What a reader of a card sees, and which technical facts leak into it. Technical facts (GUIDs, WMI class names, ISO
 * timestamps) belong behind the "Details" toggle: a container with id `details`, hidden, that an
 * `Action.ToggleVisibility` reveals (cards/card-extras.ts). Everything else a reader sees is checked.
 */

export type HiddenFactKind = 'guid' | 'wmi-class' | 'iso-timestamp';

export interface HiddenFactLeak {
  /** Where in the card, e.g. `body[2].facts[0].value`. */
  readonly path: string;
  readonly text: string;
  readonly kinds: readonly HiddenFactKind[];
}

const HIDDEN_FACTS: readonly (readonly [HiddenFactKind, RegExp])[] = [
  ['guid', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i],
  ['wmi-class', /\bSMS_/],
  ['iso-timestamp', /\d{4}-\d\d-\d\dT\d\d:\d\d/],
];

/** Properties a client shows as text (Action `data`, ids, urls and verbs are not shown). */
const SHOWN_KEYS = new Set(['text', 'title', 'placeholder', 'label', 'altText', 'fallbackText', 'errorMessage']);

/** The id every card uses for its technical details (cards/card-extras.ts). */
export const DETAILS_ID = 'details';

interface Shown {
  readonly path: string;
  readonly text: string;
}

/** Every string of the card a reader sees without opening a Details part, with where it is. */
export function shownTexts(card: unknown): Shown[] {
  const toggled = toggleTargets(card);
  const shown: Shown[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${path}[${index}]`));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (isBehindDetails(record, toggled)) return;
    const isFact = typeof record.title === 'string' && typeof record.value === 'string' && record.type === undefined;
    const isTextInput = record.type === 'Input.Text';
    for (const [key, value] of Object.entries(record)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (key === 'data' || key === 'refresh') continue;
      if (typeof value === 'string') {
        if (SHOWN_KEYS.has(key) || (key === 'value' && (isFact || isTextInput))) shown.push({ path: at, text: value });
      } else if (key === 'inlines' && Array.isArray(value)) {
        value.forEach((inline, index) => {
          if (typeof inline === 'string') shown.push({ path: `${at}[${index}]`, text: inline });
          else visit(inline, `${at}[${index}]`);
        });
      } else visit(value, at);
    }
  };
  visit(card, '');
  return shown;
}

/**
 * Each shown text that carries a GUID, a WMI class name or an ISO timestamp, i.e. a technical fact outside the
 * card's Details part. An empty list means the card is plain language.
 */
export function findHiddenFactLeaks(card: unknown): HiddenFactLeak[] {
  return shownTexts(card).flatMap(({ path, text }) => {
    const kinds = HIDDEN_FACTS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind);
    return kinds.length === 0 ? [] : [{ path, text, kinds }];
  });
}

/** One line per leak, for assertion messages. */
export function describeLeaks(leaks: readonly HiddenFactLeak[]): string {
  return leaks.map((leak) => `${leak.path}: ${JSON.stringify(leak.text)} (${leak.kinds.join(', ')})`).join('\n');
}

function isBehindDetails(record: Record<string, unknown>, toggled: ReadonlySet<string>): boolean {
  if (record.id === DETAILS_ID) return true;
  return record.isVisible === false && typeof record.id === 'string' && toggled.has(record.id);
}

/** Ids of the elements some `Action.ToggleVisibility` in the card can reveal. */
function toggleTargets(card: unknown): Set<string> {
  const ids = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.ToggleVisibility' && Array.isArray(record.targetElements)) {
        for (const target of record.targetElements as unknown[]) {
          if (typeof target === 'string') ids.add(target);
          else if (target !== null && typeof target === 'object') {
            const elementId = (target as { elementId?: unknown }).elementId;
            if (typeof elementId === 'string') ids.add(elementId);
          }
        }
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return ids;
}
