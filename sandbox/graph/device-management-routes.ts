import { HIERARCHY_IDENTIFIER, HIERARCHY_NAME, MDE_CONNECTOR_ID } from '../constants.js';
import type { Router } from '../http/router.js';
import { json, type SandboxRequest, type SandboxResponse } from '../http/types.js';
import { graphCollectionId, policyDeviceStates, summarize } from '../world/compliance.js';
import { ASSIGNMENT_FILTERS, assignmentFilter, assignmentFilterJson } from '../world/assignment-filters.js';
import type { World } from '../world/world.js';
import { badRequest, notFound } from './graph-errors.js';
import { type GraphContext, graphRoute } from './graph-context.js';
import { applyFilter, pageOf, select } from './paging.js';
import { POLICY_TEMPLATES, ROLE_SCOPE_TAGS, templateJson } from './templates-catalog.js';

function connectorJson(world: World): Record<string, unknown> {
  const heartbeat = new Date(world.clock.nowMs() - world.facts.connectorHeartbeatAgeSeconds * 1000).toISOString();
  return {
    '@odata.type': '#microsoft.graph.mobileThreatDefenseConnector',
    id: MDE_CONNECTOR_ID,
    lastHeartbeatDateTime: heartbeat,
    partnerState: world.facts.connectorState,
    androidMobileApplicationManagementEnabled: false,
    iosMobileApplicationManagementEnabled: false,
    windowsMobileApplicationManagementEnabled: false,
    androidEnabled: false,
    iosEnabled: false,
    windowsEnabled: true,
    macEnabled: false,
    androidDeviceBlockedOnMissingPartnerData: false,
    iosDeviceBlockedOnMissingPartnerData: false,
    macDeviceBlockedOnMissingPartnerData: false,
    windowsDeviceBlockedOnMissingPartnerData: false,
    partnerUnsupportedOsVersionBlocked: false,
    partnerUnresponsivenessThresholdInDays: 7,
    allowPartnerToCollectIOSApplicationMetadata: false,
    allowPartnerToCollectIOSPersonalApplicationMetadata: false,
    allowPartnerToCollectIosCertificateMetadata: false,
    allowPartnerToCollectIosPersonalCertificateMetadata: false,
    microsoftDefenderForEndpointAttachEnabled: world.facts.connectorState === 'enabled',
  };
}

export function configManagerCollectionsJson(world: World): Array<Record<string, unknown>> {
  return world.cloud.visibleInGraph(world.clock.nowMs()).map(({ collection, visibleSinceMs }) => ({
    '@odata.type': '#microsoft.graph.configManagerCollection',
    id: graphCollectionId(collection.id),
    displayName: collection.name,
    collectionIdentifier: collection.id,
    hierarchyName: HIERARCHY_NAME,
    hierarchyIdentifier: HIERARCHY_IDENTIFIER,
    createdDateTime: new Date(visibleSinceMs).toISOString(),
    lastModifiedDateTime: new Date(visibleSinceMs).toISOString(),
  }));
}

const POLICY_SUMMARY = /^(?:microsoft\.graph\.)?getPolicySummary\(policyId='(?<policyId>[^']*)'\)$/i;

function collectionSegment(req: SandboxRequest, world: World, segment: string): SandboxResponse {
  const summary = POLICY_SUMMARY.exec(segment);
  if (summary) {
    const policy = world.policies.get(summary.groups?.policyId ?? '');
    if (!policy) return notFound(req, `Policy '${summary.groups?.policyId ?? ''}' was not found.`);
    return json(200, {
      '@odata.context': `${req.origin}/graph/beta/$metadata#microsoft.graph.configManagerPolicySummary`,
      value: {
        '@odata.type': 'microsoft.graph.configManagerPolicySummary',
        ...summarize(policyDeviceStates(world, policy)),
      },
    });
  }
  const found = configManagerCollectionsJson(world).find((c) => c.id === segment.toLowerCase());
  return found ? json(200, found) : notFound(req);
}

export function registerDeviceManagementRoutes(router: Router, ctx: GraphContext): void {
  graphRoute(router, ctx, 'GET', '/deviceManagement/assignmentFilters', (req) => {
    const filtered = applyFilter(
      req,
      ASSIGNMENT_FILTERS.map(assignmentFilterJson),
      new Set(['displayname', 'platform', 'id']),
    );
    return Array.isArray(filtered) ? pageOf(req, filtered, 'deviceManagement/assignmentFilters') : filtered;
  });

  graphRoute(router, ctx, 'GET', '/deviceManagement/assignmentFilters/:id', (req, p) => {
    const filter = assignmentFilter(p.id ?? '');
    return filter ? json(200, select(assignmentFilterJson(filter), req)) : notFound(req);
  });

  graphRoute(
    router,
    ctx,
    'GET',
    '/deviceManagement/mobileThreatDefenseConnectors/:id',
    (req, p) =>
      (p.id ?? '').toLowerCase() === MDE_CONNECTOR_ID
        ? json(200, select(connectorJson(ctx.world()), req))
        : notFound(req),
    false,
  );

  graphRoute(
    router,
    ctx,
    'GET',
    '/deviceManagement/mobileThreatDefenseConnectors',
    (req) => pageOf(req, [connectorJson(ctx.world())], 'deviceManagement/mobileThreatDefenseConnectors'),
    false,
  );

  graphRoute(router, ctx, 'GET', '/deviceManagement/configManagerCollections', (req) => {
    const filtered = applyFilter(req, configManagerCollectionsJson(ctx.world()));
    return Array.isArray(filtered) ? pageOf(req, filtered, 'deviceManagement/configManagerCollections') : filtered;
  });

  graphRoute(router, ctx, 'GET', '/deviceManagement/configManagerCollections/:segment', (req, p) =>
    collectionSegment(req, ctx.world(), p.segment ?? ''),
  );

  graphRoute(router, ctx, 'GET', '/deviceManagement/configurationPolicyTemplates', (req) => {
    const filtered = applyFilter(req, POLICY_TEMPLATES.map(templateJson));
    return Array.isArray(filtered) ? pageOf(req, filtered, 'deviceManagement/configurationPolicyTemplates') : filtered;
  });

  graphRoute(router, ctx, 'GET', '/deviceManagement/configurationPolicyTemplates/:id', (req, p) => {
    const t = POLICY_TEMPLATES.find((x) => x.id === p.id);
    return t ? json(200, templateJson(t)) : notFound(req);
  });

  graphRoute(router, ctx, 'GET', '/deviceManagement/roleScopeTags', (req) => {
    const filtered = applyFilter(
      req,
      ROLE_SCOPE_TAGS.map((t) => ({ '@odata.type': '#microsoft.graph.roleScopeTag', ...t })),
    );
    return Array.isArray(filtered) ? pageOf(req, filtered, 'deviceManagement/roleScopeTags') : filtered;
  });

  graphRoute(router, ctx, 'POST', '/deviceManagement/configManagerCollections', (req) =>
    badRequest(req, 'configManagerCollections are written by the ConfigMgr sync service, not by apps.'),
  );
}
