/**
 * Current branch build number → release label. From configmgr-adminservice.md §2, marked [I] there: a community
 * inventory script; only 8968 = 2002 is confirmed by Microsoft text. Compare on BuildNumber, never on the label.
 */
export const CURRENT_BRANCH_RELEASES: ReadonlyMap<number, string> = new Map([
  [8968, '2002'],
  [9012, '2006'],
  [9040, '2010'],
  [9049, '2103'],
  [9058, '2107'],
  [9068, '2111'],
  [9078, '2203'],
  [9088, '2207'],
  [9096, '2211'],
  [9106, '2303'],
  [9122, '2309'],
  [9128, '2403'],
  [9132, '2409'],
  [9135, '2503'],
]);

/** Current branch 2002: the first release that supports EDR policy from Intune (with KB4563473). */
export const BUILD_2002 = 8968;
/** Current branch 2006: Antivirus policy support, and EDR without the 2002 hotfix. */
export const BUILD_2006 = 9012;

const NEWEST_KNOWN_BUILD = Math.max(...CURRENT_BRANCH_RELEASES.keys());

/** "2002 (build 8968)", "build 9050 (between known releases)", "build 9200 (newer than 2503)". */
export function describeBuild(buildNumber: number): string {
  const release = CURRENT_BRANCH_RELEASES.get(buildNumber);
  if (release !== undefined) return `current branch ${release} (build ${buildNumber})`;
  if (buildNumber > NEWEST_KNOWN_BUILD) {
    return `build ${buildNumber} (newer than ${CURRENT_BRANCH_RELEASES.get(NEWEST_KNOWN_BUILD) ?? 'the newest known release'})`;
  }
  return `build ${buildNumber} (not a known current branch release)`;
}
