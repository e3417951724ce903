import * as ACData from 'adaptivecards-templating';
import type { AdaptiveCard } from './adaptive-card.js';
import { withMarkdownSafeText } from './markdown-safe.js';
import { templates, type TemplateName, type TemplateViews } from './templates.js';

/** The one way a card is made: a template expanded with its typed view, its visible text made markdown-safe. */
export function renderCard<N extends TemplateName>(name: N, view: TemplateViews[N]): AdaptiveCard {
  const template = new ACData.Template(templates[name]);
  return withMarkdownSafeText(withoutNulls(template.expand({ $root: view }))) as AdaptiveCard;
}

/** `$when` on an object-valued property leaves `null` behind; clients expect the property to be absent. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, withoutNulls(item)]),
  );
}
