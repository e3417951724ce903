import { SITE_CODE } from '../constants.js';
import type { ScenarioFacts } from '../scenarios/scenario-facts.js';
import {
  type CmCollection,
  DEMO_DEVICE_COUNT,
  LARGE_COLLECTION_COUNT,
  LARGE_DEVICE_COUNT,
  demoCollections,
  largeCollectionAt,
} from './collections.js';

export const HOTFIX_NAME = 'Configuration Manager 2002 Hotfix (KB4563473)';
export const STATE_INSTALL_SUCCESS = 196612;
export const STATE_DOWNLOAD_SUCCESS = 262146;

export interface UpdatePackage {
  readonly Name: string;
  readonly PackageGuid: string;
  State: number;
  readonly UpdateType: 0 | 1 | 2;
  readonly FullVersion: string;
  LastUpdateTime: string;
  readonly SupersededByNameList: string[];
  readonly SupersedesNameList: string[];
}

export interface SiteRow {
  readonly SiteCode: string;
  readonly SiteName: string;
  readonly ServerName: string;
  readonly Version: string;
  readonly BuildNumber: number;
  readonly Type: number;
  readonly ReportingSiteCode: string;
  readonly Status: number;
  readonly InstallDir: string;
}

const FIRST_LARGE_SEQUENCE = 0x100;

export class Hierarchy {
  readonly site: SiteRow;
  readonly updates: UpdatePackage[];
  readonly history: UpdatePackage[] = [];
  readonly deviceCount: number;
  private readonly fixed: CmCollection[];
  private readonly fixedById: Map<string, CmCollection>;
  private readonly generatedCount: number;
  /**
   * Generated collections made once each: they are pure functions of their position, but each costs several SHA-256
   * hashes, and a query over the large scenario's 10,015 rows would otherwise hash them all again on every request.
   */
  private readonly generated: CmCollection[] = [];

  constructor(facts: ScenarioFacts, userIds: readonly string[], operatorIds: readonly string[], nowIso: string) {
    this.site = {
      SiteCode: SITE_CODE,
      SiteName: 'Contoso Primary Site',
      ServerName: 'CM01.contoso.com',
      Version: facts.fullVersion,
      BuildNumber: facts.buildNumber,
      Type: 2,
      ReportingSiteCode: '',
      Status: 1,
      InstallDir: 'C:\\Program Files\\Microsoft Configuration Manager',
    };
    this.updates = initialUpdates(facts, nowIso);
    this.deviceCount = facts.size === 'large' ? LARGE_DEVICE_COUNT : DEMO_DEVICE_COUNT;
    this.fixed = demoCollections(userIds, operatorIds, this.deviceCount);
    this.fixedById = new Map(this.fixed.map((c) => [c.id, c]));
    this.generatedCount = facts.size === 'large' ? LARGE_COLLECTION_COUNT : 0;
  }

  collectionCount(): number {
    return this.fixed.length + this.generatedCount;
  }

  collectionAt(position: number): CmCollection | undefined {
    if (position < this.fixed.length) return this.fixed[position];
    const generated = position - this.fixed.length;
    return generated < this.generatedCount ? this.generatedAt(generated) : undefined;
  }

  *collections(): Generator<CmCollection> {
    for (let i = 0; i < this.collectionCount(); i += 1) {
      const collection = this.collectionAt(i);
      if (collection) yield collection;
    }
  }

  collection(id: string): CmCollection | undefined {
    const upper = id.toUpperCase();
    const fixed = this.fixedById.get(upper);
    if (fixed) return fixed;
    if (!upper.startsWith(SITE_CODE) || this.generatedCount === 0) return undefined;
    const sequence = Number.parseInt(upper.slice(SITE_CODE.length), 16);
    const position = sequence - FIRST_LARGE_SEQUENCE;
    return Number.isInteger(position) && position >= 0 && position < this.generatedCount
      ? this.generatedAt(position)
      : undefined;
  }

  private generatedAt(position: number): CmCollection {
    const made = this.generated[position] ?? largeCollectionAt(position);
    this.generated[position] = made;
    return made;
  }

  hotfix(): UpdatePackage | undefined {
    return this.updates.find((u) => u.Name.includes('KB4563473'));
  }

  installHotfix(nowIso: string): boolean {
    const hotfix = this.hotfix();
    if (!hotfix || hotfix.State === STATE_INSTALL_SUCCESS) return false;
    hotfix.State = STATE_INSTALL_SUCCESS;
    hotfix.LastUpdateTime = nowIso;
    this.history.push({ ...hotfix });
    return true;
  }
}

function update(name: string, guid: string, state: number, type: 0 | 2, version: string, at: string): UpdatePackage {
  return {
    Name: name,
    PackageGuid: guid,
    State: state,
    UpdateType: type,
    FullVersion: version,
    LastUpdateTime: at,
    SupersededByNameList: [],
    SupersedesNameList: [],
  };
}

function initialUpdates(facts: ScenarioFacts, nowIso: string): UpdatePackage[] {
  if (facts.buildNumber !== 8968) {
    return [
      update(
        `Configuration Manager ${facts.release}`,
        'B6F8D2A1-3C4E-4F5A-9B7C-1D2E3F405162',
        STATE_INSTALL_SUCCESS,
        0,
        facts.fullVersion,
        '2023-05-02T10:00:00Z',
      ),
    ];
  }
  const base = update(
    'Configuration Manager 2002',
    '3FF8A5D4-6A9B-4A8E-9B5A-2C1D0E9F8A7B',
    STATE_INSTALL_SUCCESS,
    0,
    '5.00.8968.1000',
    '2020-04-20T09:00:00Z',
  );
  if (facts.hotfix === 'absent') return [base];
  const state = facts.hotfix === 'installed' ? STATE_INSTALL_SUCCESS : STATE_DOWNLOAD_SUCCESS;
  const at = facts.hotfix === 'installed' ? '2020-07-02T08:00:00Z' : nowIso;
  return [base, update(HOTFIX_NAME, '0BE4E0D6-8F0B-4F3E-9C5B-7A1A3A2F1B4C', state, 2, '5.00.8968.1008', at)];
}
