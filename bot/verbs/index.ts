import { helpAllVerb } from './help-all.js';
import { helpUsageVerb } from './help-usage.js';
import type { AnyVerb } from './verb.js';

/** Every card verb the bot handles. The card tests check that each `Action.Execute` verb in a template is here. */
export const verbs: readonly AnyVerb[] = [helpAllVerb, helpUsageVerb];
