import type { Actor } from '../actor.js';
import type { CollectionSummary } from '../ports/configmgr-gateway.js';
import type { RunRequest } from '../runs/run-engine.js';
import { type CollectionInput, STEP_KINDS, type TenantAttachInput } from './step-kinds.js';
import type { AttachScope } from './tenant-attach-guidance.js';

export const TENANT_ATTACH_RESOURCE = 'tenant-attach';

export function collectionResource(collectionId: string): string {
  return `collection:${collectionId.toUpperCase()}`;
}

interface Requester {
  readonly requestedBy: Actor;
  readonly conversationId: string;
}

/** attach: tenant attach, then (with a collection scope) that the collection is the upload scope. */
export function attachRunRequest(scope: AttachScope, requester: Requester): RunRequest {
  const attachInput: TenantAttachInput = { scope };
  return {
    kind: 'attach',
    title: scope.kind === 'all' ? 'Tenant attach (all devices)' : `Tenant attach (upload ${scope.name})`,
    ...requester,
    resources: [TENANT_ATTACH_RESOURCE],
    steps: [
      { kind: STEP_KINDS.tenantAttach, title: 'Turn on tenant attach', input: attachInput },
      ...(scope.kind === 'collection'
        ? [
            {
              kind: STEP_KINDS.uploadScope,
              title: `Upload scope takes in ${scope.name}`,
              input: collectionInput(scope),
            },
          ]
        : []),
    ],
  };
}

/** enable: the collection is uploaded, then its Cloud Sync endpoint-security option is on and Intune lists it. */
export function enableRunRequest(collection: Pick<CollectionSummary, 'id' | 'name'>, requester: Requester): RunRequest {
  const input = collectionInput(collection);
  return {
    kind: 'enable',
    title: `Enable ${collection.name} for endpoint security policies`,
    ...requester,
    resources: [collectionResource(collection.id)],
    steps: [
      { kind: STEP_KINDS.uploadScope, title: `Upload scope takes in ${collection.name}`, input },
      {
        kind: STEP_KINDS.enableCollection,
        title: `Cloud Sync: enable ${collection.name} for endpoint security`,
        input,
      },
    ],
  };
}

function collectionInput(collection: Pick<CollectionSummary, 'id' | 'name'>): CollectionInput {
  return { collectionId: collection.id, collectionName: collection.name };
}
