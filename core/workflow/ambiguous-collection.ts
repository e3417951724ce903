import type { CollectionSummary } from '../ports/configmgr-gateway.js';

const MAX_LISTED = 10;

/** Several collections share the name typed: list them so the user picks one by ID. */
export function ambiguousCollectionNotice(
  name: string,
  matches: readonly CollectionSummary[],
  command: string,
): { title: string; message: string } {
  const listed = matches
    .slice(0, MAX_LISTED)
    .map(
      (collection) =>
        `- ${collection.id}: ${collection.name} (${collection.type} collection, ${collection.memberCount} members)`,
    );
  const more = matches.length > MAX_LISTED ? [`- and ${matches.length - MAX_LISTED} more`] : [];
  return {
    title: `${matches.length} collections are named "${name}"`,
    message: [
      ...listed,
      ...more,
      '',
      `Type ${command} with the ID of the one you mean, e.g. ${command} ${matches[0]?.id ?? 'PS100042'}.`,
    ].join('\n'),
  };
}
