/** The shape of a sandbox profile catalog: which settings a profile allows and how they are written. */
export interface CatalogSetting {
  readonly definitionId: string;
  /** `simple-collection`: a list of strings; `group-collection`: a group whose items hold `children`. */
  readonly kind: 'choice' | 'simple' | 'simple-collection' | 'group-collection';
  /** Choice values allowed. */
  readonly options?: readonly string[];
  readonly instanceTemplateId?: string;
  readonly valueTemplateId?: string;
  /** Child settings a choice value (or a group item) may carry. */
  readonly children?: readonly string[];
}

export interface ProfileCatalog {
  readonly name: string;
  /** MDM profiles and the template-based ConfigMgr ones (ASR rules, firewall rules): the template. */
  readonly templateId?: string;
  /** ConfigMgr profiles: the creationSource, compared without regard to case (graph-intune.md §11.4). */
  readonly creationSource?: string;
  readonly technologies: string;
  readonly platforms: string;
  readonly settings: readonly CatalogSetting[];
}

export const choice = (
  definitionId: string,
  suffixes: readonly string[],
  templates?: { instance: string; value: string },
  children?: readonly string[],
): CatalogSetting => ({
  definitionId,
  kind: 'choice',
  options: suffixes.map((suffix) => `${definitionId}_${suffix}`),
  ...(templates ? { instanceTemplateId: templates.instance, valueTemplateId: templates.value } : {}),
  ...(children ? { children } : {}),
});
export const simple = (definitionId: string): CatalogSetting => ({ definitionId, kind: 'simple' });

export const simpleCollection = (definitionId: string): CatalogSetting => ({ definitionId, kind: 'simple-collection' });
export const groupCollection = (definitionId: string, children: readonly string[]): CatalogSetting => ({
  definitionId,
  kind: 'group-collection',
  children,
});
