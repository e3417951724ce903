export type JsonObject = Record<string, unknown>;

export interface StoredAssignment {
  readonly id: string;
  readonly target: JsonObject;
}

export interface StoredPolicy {
  readonly id: string;
  properties: JsonObject;
  settings: JsonObject[];
  assignments: StoredAssignment[];
  /** Simulated ms at which each target key (`group:<id>`, `collection:<id>`, ...) was first assigned. */
  readonly targetAssignedAtMs: Map<string, number>;
}

export class PolicyStore {
  private readonly policies = new Map<string, StoredPolicy>();

  list(): StoredPolicy[] {
    return [...this.policies.values()];
  }

  get(id: string): StoredPolicy | undefined {
    return this.policies.get(id.toLowerCase());
  }

  put(policy: StoredPolicy): void {
    this.policies.set(policy.id.toLowerCase(), policy);
  }

  delete(id: string): boolean {
    return this.policies.delete(id.toLowerCase());
  }
}

export function targetKey(target: JsonObject): string {
  const type = String(target['@odata.type'] ?? '').replace(/^#?microsoft\.graph\./, '');
  const id = String(target.groupId ?? target.collectionId ?? '');
  return `${type}:${id.toLowerCase()}`;
}
