import { z } from 'zod';
import { createIntentFromFlags } from '../../core/policies/create-flags.js';
import { createPolicyCreatePlanner } from '../../core/policies/policy-create-planner.js';
import { requestChange } from './request-change.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

const onOff = z.enum(['on', 'off']).optional();

export const policyCreateCommand = defineCommand({
  name: 'policy create',
  summary: 'Plans a new EDR or Antivirus policy for Intune groups or ConfigMgr collections; someone else approves it.',
  usage:
    'policy create <edr|antivirus> --target <intune|configmgr> --name "<name>" [--description "<text>"] ' +
    '[EDR: --sample-sharing <all|none>; deprecated, only if you need it: --telemetry <normal|expedited>] ' +
    '[Antivirus: --real-time-monitoring --cloud-protection --behavior-monitoring --script-scanning --archive-scanning <on|off>] ' +
    '[ConfigMgr Antivirus only: --disable-restore-point --randomize-schedule-task-times --disable-privacy-mode <on|off>] ' +
    '[Intune only: --scope-tags "<tag>,<tag>"]',
  examples: [
    'policy create edr --target intune --name "EDR - Windows" --sample-sharing all --scope-tags "Default,Paris"',
    'policy create antivirus --target configmgr --name "AV - Servers" --real-time-monitoring on --disable-restore-point off',
  ],
  positionals: ['profile'],
  args: z.object({
    profile: z.enum(['edr', 'antivirus']),
    target: z.enum(['intune', 'configmgr']),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(1000).optional(),
    scopeTags: z.string().trim().min(1).max(1000).optional(),
    sampleSharing: z.enum(['all', 'none']).optional(),
    telemetry: z.enum(['normal', 'expedited']).optional(),
    realTimeMonitoring: onOff,
    cloudProtection: onOff,
    behaviorMonitoring: onOff,
    scriptScanning: onOff,
    archiveScanning: onOff,
    disableRestorePoint: onOff,
    randomizeScheduleTaskTimes: onOff,
    disablePrivacyMode: onOff,
  }),
  changesTenant: true,
  role: 'operator',
  async run(args, context) {
    const tenant = requireTenant(context.services);
    const plan = await createPolicyCreatePlanner(tenant).plan(createIntentFromFlags(args));
    return requestChange(plan, context);
  },
});
