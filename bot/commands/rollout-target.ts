import { z } from 'zod';

/** The rollout a `rollout pause|resume|cancel|rollback|advance` command names: its run id, or its policy. */
export const rolloutTargetArgs = z.object({ rollout: z.string().trim().min(1).max(256) });
