import { describeDriftItem } from '../../core/drift/describe-drift.js';
import type { DriftNotifier } from '../../core/drift/drift-watch.js';
import type { Logger } from '../../core/ports/logger.js';
import type { ProactiveMessenger } from '../conversations/proactive-messenger.js';

/**
 * Shows a drift episode in the drift channel. INTERIM: a text message per opened or updated episode; the drift card
 * with Revert / Accept / Open in Intune (issue 26 item 5) is not built yet. Without a channel, drift is audited only.
 */
export function channelDriftNotifier(
  messenger: Pick<ProactiveMessenger, 'postText'>,
  channel: string | undefined,
  log: Logger,
): DriftNotifier {
  return {
    async show(change, finding, who) {
      if (channel === undefined) {
        log.info(
          { episode: change.episode.id, policy: change.episode.policyName },
          'drift found; no channel to post in',
        );
        return;
      }
      const heading =
        change.kind === 'opened'
          ? `Drift on policy ${change.episode.policyName}: it no longer matches what was approved.`
          : `More drift on policy ${change.episode.policyName}.`;
      const by =
        who.kind === 'not-permitted'
          ? 'Who changed it: AttachOps may not read the Intune audit log (DeviceManagementApps.Read.All).'
          : who.kind === 'unknown'
            ? 'Who changed it: the Intune audit log could not be read.'
            : who.changes.length === 0
              ? 'Who changed it: nobody in the Intune audit log since the baseline.'
              : `Changed by ${who.changes.map((c) => `${c.actor} at ${c.at}`).join('; ')}.`;
      await messenger.postText(
        channel,
        [heading, ...finding.items.map((item) => `- ${describeDriftItem(item)}`), by].join('\n'),
      );
    },
  };
}
