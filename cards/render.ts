import * as ACData from 'adaptivecards-templating';
import type { AdaptiveCard } from './adaptive-card.js';
import { extrasOf, withCardExtras } from './card-extras.js';
import { withMarkdownSafeText } from './markdown-safe.js';
import { templates, type TemplateName, type TemplateViews } from './templates.js';

/**
 * Each template is parsed once (its expressions compiled) on first use and reused: templates never change while the
 * bot runs, and parsing was most of a turn's CPU. `expand` is synchronous, so one instance serves every turn.
 */
const parsed = new Map<TemplateName, ACData.Template>();

function parsedTemplate(name: TemplateName): ACData.Template {
  let template = parsed.get(name);
  if (template === undefined) {
    template = new ACData.Template(templates[name]);
    parsed.set(name, template);
  }
  return template;
}

/**
 * The one way a card is made: a template expanded with its typed view, the view's Details and next steps added
 * (cards/card-extras.ts), its visible text made markdown-safe.
 */
export function renderCard<N extends TemplateName>(name: N, view: TemplateViews[N]): AdaptiveCard {
  const expanded = withoutNulls(parsedTemplate(name).expand({ $root: view })) as AdaptiveCard;
  return withMarkdownSafeText(withCardExtras(expanded, extrasOf(view))) as AdaptiveCard;
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
