import type { CollectionsView } from '../../../cards/views/collections-view.js';
import { toCollectionsView } from '../../../cards/views/collections-view.js';
import { type ConsoleStepView, toConsoleStepView } from '../../../cards/views/console-step-view.js';
import type { CollectionListing, CollectionRow } from '../../../core/workflow/collection-listing.js';
import { buildEnableCollectionGuidance } from '../../../core/workflow/enable-collection-guidance.js';
import { buildTenantAttachGuidance } from '../../../core/workflow/tenant-attach-guidance.js';
import { SITE_2203 } from './fakes.js';

function row(index: number, name = `Collection ${index}`): CollectionRow {
  return {
    id: `PS1${(0x100 + index).toString(16).toUpperCase().padStart(5, '0')}`,
    name,
    memberCount: index * 7,
    inUploadScope: true,
    syncedToIntune: index % 2 === 0,
    endpointSecurity: index % 3 === 0 ? 'unknown' : index % 2 === 0,
  };
}

function listing(overrides: Partial<CollectionListing>): CollectionListing {
  return {
    query: { enabledOnly: false, page: 1 },
    rows: [],
    hasNext: false,
    attached: true,
    uploadScope: { kind: 'all' },
    notes: [],
    details: [],
    ...overrides,
  };
}

const LONG = 'Contoso Worldwide Windows 11 Enterprise Devices – Finance & Accounting `tick` '.repeat(4);

export const collectionsFixtures: readonly CollectionsView[] = [
  toCollectionsView(
    listing({
      rows: Array.from({ length: 20 }, (_, index) => row(index, `${LONG}${index}`)),
      hasNext: true,
      total: 10_000,
    }),
    { callerMayEnable: true },
  ),
  toCollectionsView(
    listing({
      query: { filter: 'Fin', enabledOnly: true, page: 3 },
      rows: [row(1, 'Finance Laptops')],
      uploadScope: { kind: 'unknown' },
      notes: [
        'ConfigMgr did not say whether some collections are enabled for endpoint security, so they show as unknown.',
      ],
      details: ['Cloud Sync settings: ProviderUnreachable'],
    }),
    { callerMayEnable: false },
  ),
  toCollectionsView(listing({ attached: false, total: 0 }), { callerMayEnable: true }),
];

export const consoleStepFixtures: readonly ConsoleStepView[] = [
  toConsoleStepView(buildEnableCollectionGuidance(SITE_2203, { id: 'PS100042', name: 'Finance Laptops' }), 'r-abc123'),
  toConsoleStepView(buildTenantAttachGuidance({ ...SITE_2203, buildNumber: 8968 }, { kind: 'all' })),
];
