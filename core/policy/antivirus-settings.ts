import { z } from 'zod';

const toggle = z.boolean().optional();

/** Microsoft Defender Antivirus settings shared by the Intune and ConfigMgr profiles; absent means "not configured". */
export const antivirusSettingsSchema = z
  .object({
    realTimeMonitoring: toggle,
    cloudProtection: toggle,
    behaviorMonitoring: toggle,
    scriptScanning: toggle,
    archiveScanning: toggle,
  })
  .strict();

/** The ConfigMgr (SccmAV) profile adds settings only ConfigMgr clients understand. */
export const configMgrAntivirusSettingsSchema = antivirusSettingsSchema
  .extend({
    disableRestorePoint: toggle,
    randomizeScheduleTaskTimes: toggle,
    disablePrivacyMode: toggle,
  })
  .strict();

export type AntivirusSettings = z.infer<typeof antivirusSettingsSchema>;
export type ConfigMgrAntivirusSettings = z.infer<typeof configMgrAntivirusSettingsSchema>;
