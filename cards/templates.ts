import collections from './templates/collections.json' with { type: 'json' };
import commandUsage from './templates/command-usage.json' with { type: 'json' };
import consoleStep from './templates/console-step.json' with { type: 'json' };
import error from './templates/error.json' with { type: 'json' };
import help from './templates/help.json' with { type: 'json' };
import notice from './templates/notice.json' with { type: 'json' };
import prerequisites from './templates/prerequisites.json' with { type: 'json' };
import runList from './templates/run-list.json' with { type: 'json' };
import runProgress from './templates/run-progress.json' with { type: 'json' };
import unknownCommand from './templates/unknown-command.json' with { type: 'json' };
import usageError from './templates/usage-error.json' with { type: 'json' };
import type { CollectionsView } from './views/collections-view.js';
import type { ConsoleStepView } from './views/console-step-view.js';
import type { CommandUsageView, HelpView } from './views/help-view.js';
import type { ErrorView, NoticeView } from './views/message-view.js';
import type { PrerequisitesView } from './views/prerequisites-view.js';
import type { RunListView, RunProgressView } from './views/run-view.js';
import type { UnknownCommandView, UsageErrorView } from './views/usage-error-view.js';

/** Every card template, by name; each is rendered from the view type of the same name in `TemplateViews`. */
export const templates = {
  collections,
  'command-usage': commandUsage,
  'console-step': consoleStep,
  error,
  help,
  notice,
  prerequisites,
  'run-list': runList,
  'run-progress': runProgress,
  'unknown-command': unknownCommand,
  'usage-error': usageError,
} as const satisfies Record<string, object>;

export interface TemplateViews {
  collections: CollectionsView;
  'command-usage': CommandUsageView;
  'console-step': ConsoleStepView;
  error: ErrorView;
  help: HelpView;
  notice: NoticeView;
  prerequisites: PrerequisitesView;
  'run-list': RunListView;
  'run-progress': RunProgressView;
  'unknown-command': UnknownCommandView;
  'usage-error': UsageErrorView;
}

export type TemplateName = keyof typeof templates;
