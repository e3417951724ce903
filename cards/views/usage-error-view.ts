export interface UsageErrorView {
  readonly command: string;
  readonly problemCount: string;
  readonly problems: readonly { argument: string; problem: string }[];
  readonly usage: string;
  readonly examples: readonly string[];
}

export interface UnknownCommandView {
  readonly typed: string;
  readonly suggestions: readonly string[];
}

export function toUsageErrorView(
  command: { name: string; usage: string; examples: readonly string[] },
  problems: readonly { argument: string; problem: string }[],
): UsageErrorView {
  return {
    command: command.name,
    problemCount:
      problems.length === 1 ? '1 problem with the arguments' : `${problems.length} problems with the arguments`,
    problems: problems.map((problem) => ({ ...problem })),
    usage: command.usage,
    examples: [...command.examples],
  };
}
