import * as ACData from 'adaptivecards-templating';
import type { AdaptiveCard } from './adaptive-card.js';
import { templates, type TemplateName, type TemplateViews } from './templates.js';

/** The one way a card is made: a template expanded with its typed view. */
export function renderCard<N extends TemplateName>(name: N, view: TemplateViews[N]): AdaptiveCard {
  const template = new ACData.Template(templates[name]);
  return template.expand({ $root: view }) as AdaptiveCard;
}
