import type { Guidance } from '../../core/workflow/guidance.js';
import { commandLines } from '../command-lines.js';

export interface ConsoleStepView {
  readonly title: string;
  readonly steps: readonly { number: number; text: string }[];
  readonly hasCommandLine: boolean;
  /** The PowerShell command, one parameter a line (command-lines.ts). */
  readonly commandLines: readonly string[];
  readonly verifyHint: string;
  readonly logs: readonly string[];
  readonly canVerify: boolean;
  readonly runId: string;
}

/** With a run id the card carries the Verify button of that run. */
export function toConsoleStepView(guidance: Guidance, runId?: string): ConsoleStepView {
  return {
    title: guidance.title,
    steps: guidance.steps.map((text, index) => ({ number: index + 1, text })),
    hasCommandLine: guidance.commandLine !== undefined,
    commandLines: guidance.commandLine === undefined ? [] : commandLines(guidance.commandLine),
    verifyHint: guidance.verifyHint,
    logs: [...guidance.logs],
    canVerify: runId !== undefined,
    runId: runId ?? '',
  };
}
