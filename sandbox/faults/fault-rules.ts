import { z } from 'zod';
import { unitHash } from '../world/rng.js';

export const FAULT_KINDS = [
  'latency',
  '429',
  '503',
  '504',
  '500',
  'reset',
  'timeout',
  'batch429',
  'accessDenied',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const ruleSchema = z.object({
  route: z.string().min(1),
  kind: z.enum(FAULT_KINDS),
  method: z.string().optional(),
  rate: z.coerce.number().min(0).max(1).default(1),
  count: z.coerce.number().int().positive().optional(),
  retryAfter: z.coerce.number().int().nonnegative().optional(),
  ms: z.coerce.number().int().nonnegative().optional(),
  /** reset/timeout only: the service carries the request out, then the answer is lost (the connection drops). */
  processed: z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]).optional(),
});
export type FaultRuleInput = z.input<typeof ruleSchema>;
export type FaultRule = z.output<typeof ruleSchema> & { readonly id: number; fired: number; seen: number };

/** `route=/graph/beta/*;kind=429;retryAfter=2;rate=1;count=3`, several rules separated by newlines or ` | `. */
export function parseFaultSpec(spec: string): FaultRuleInput[] {
  return spec
    .split(/\n|\s\|\s/)
    .map((r) => r.trim())
    .filter(Boolean)
    .map((rule) => {
      const fields = Object.fromEntries(
        rule.split(';').map((pair) => {
          const at = pair.indexOf('=');
          return at < 0 ? [pair.trim(), ''] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
        }),
      );
      return ruleSchema.parse(fields);
    });
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
}

export class FaultSet {
  private rules: FaultRule[] = [];
  private nextId = 1;

  constructor(private seed: number) {}

  reseed(seed: number): void {
    this.seed = seed;
  }

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...ruleSchema.parse(input), id: this.nextId, fired: 0, seen: 0 };
    this.nextId += 1;
    this.rules.push(rule);
    return rule;
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  clear(): void {
    this.rules = [];
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  /** The first rule of one of `kinds` that matches and fires (deterministic from seed, rule id and match number). */
  decide(method: string, path: string, kinds: readonly FaultKind[]): FaultRule | undefined {
    for (const rule of this.rules) {
      if (!kinds.includes(rule.kind)) continue;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!globToRegExp(rule.route).test(path)) continue;
      if (rule.count !== undefined && rule.fired >= rule.count) continue;
      rule.seen += 1;
      if (unitHash(this.seed, rule.id, rule.seen) >= rule.rate) continue;
      rule.fired += 1;
      return rule;
    }
    return undefined;
  }
}
