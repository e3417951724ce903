/**
 * A PowerShell command as the lines a card shows: the cmdlet, then one `-Parameter value` per line, each line but the
 * last ending in PowerShell's line continuation (a space and a backtick). A card's column is narrow; wrapped as one
 * line it broke inside a parameter name ("-EnableAssign" / "EndpointSecurityPolicy"). These lines are short enough
 * not to wrap, and pasted into PowerShell they run as the one command.
 */
export function commandLines(commandLine: string): string[] {
  const parts = commandLine.trim().split(/ (?=-[A-Za-z])/);
  return parts.map((part, index) => (index < parts.length - 1 ? `${part} \`` : part));
}
