import { z } from 'zod';
import { UpstreamNotFound } from '../../core/errors/upstream-error.js';
import type { DefenderConnector, DefenderPartnerState } from '../../core/ports/defender-connector.js';
import type { GraphHttp } from './graph-http.js';
import { parseReply } from './parse-reply.js';

/** The fixed id of the Microsoft Defender for Endpoint connector (graph-intune.md §0.4, §2.3). */
export const MDE_CONNECTOR_ID = 'fc780465-2017-40d4-a0c5-307022471b92';

const partnerStates = ['unavailable', 'available', 'enabled', 'unresponsive'] as const;
const connectorSchema = z.object({
  partnerState: z.string().nullish(),
  lastHeartbeatDateTime: z.string().nullish(),
  windowsEnabled: z.boolean().nullish(),
});

export function createGraphDefenderConnector(http: GraphHttp): DefenderConnector {
  return {
    async getDefenderConnector() {
      const operation = 'read the Defender for Endpoint connector';
      try {
        const reply = await http.send({
          operation,
          method: 'GET',
          path: `/deviceManagement/mobileThreatDefenseConnectors/${MDE_CONNECTOR_ID}`,
        });
        const connector = parseReply(connectorSchema, reply, operation);
        const heartbeat = connector.lastHeartbeatDateTime ? new Date(connector.lastHeartbeatDateTime) : undefined;
        return {
          partnerState: toPartnerState(connector.partnerState),
          lastHeartbeat: heartbeat && !Number.isNaN(heartbeat.getTime()) ? heartbeat : undefined,
          windowsEnabled: connector.windowsEnabled ?? false,
        };
      } catch (error) {
        if (error instanceof UpstreamNotFound) return 'not-configured';
        throw error;
      }
    },
  };
}

function toPartnerState(value: string | null | undefined): DefenderPartnerState {
  return partnerStates.find((state) => state === value) ?? 'unknown';
}
