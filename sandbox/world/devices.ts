import { stableGuid } from './rng.js';

export const FIRST_DEVICE_RESOURCE_ID = 16777220;
export const FIRST_USER_RESOURCE_ID = 2063597568;

export interface CmDevice {
  readonly index: number;
  readonly resourceId: number;
  readonly name: string;
  readonly aadDeviceId: string;
  readonly isClient: boolean;
}

function deviceName(index: number): string {
  if (index % 10 === 9) return `LT-${String(index).padStart(6, '0')}`;
  if (index % 50 === 7) return `SRV-${String(index).padStart(5, '0')}`;
  return `WS-${String(index).padStart(6, '0')}`;
}

/** Devices are computed from their index so that 200,000 of them cost nothing until asked for. */
export function deviceAt(index: number): CmDevice {
  return {
    index,
    resourceId: FIRST_DEVICE_RESOURCE_ID + index,
    name: deviceName(index),
    aadDeviceId: stableGuid('aad-device', index),
    isClient: index % 97 !== 13,
  };
}

export function deviceIndexFromResourceId(resourceId: number): number {
  return resourceId - FIRST_DEVICE_RESOURCE_ID;
}
