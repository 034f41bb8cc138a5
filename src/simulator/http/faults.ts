import { createRng, type Rng } from '../util/prng.js';

/** One fault rule, as posted to /_sim/faults. */
export interface FaultSpec {
  /** Answer with this status (an EM Error body) instead of the real response. */
  status?: number;
  /** Share of matching requests affected, 0..1 (default 1). */
  ratio?: number;
  /** Only the next `count` matching requests are affected. */
  count?: number;
  /** Added delay before answering. */
  latencyMs?: number;
  /** Expire every logon token when the rule is set. */
  expireTokens?: boolean;
  /** Send a truncated, malformed XML body with 200. */
  malformed?: boolean;
  /** Destroy the TCP connection without an answer. */
  reset?: boolean;
  /** Only requests whose path matches this regular expression (case-insensitive). */
  paths?: string;
}

/** What to do to one request. */
export interface FaultDecision {
  latencyMs: number;
  action?: { kind: 'status'; status: number } | { kind: 'malformed' } | { kind: 'reset' };
}

interface ActiveRule {
  spec: FaultSpec;
  paths?: RegExp;
  remaining: number;
}

/** Validates a fault rule; returns an error message or undefined. */
export function validateFault(spec: unknown): string | undefined {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return 'a fault must be an object';
  const s = spec as Record<string, unknown>;
  const num = (k: string, min: number, max: number): boolean =>
    s[k] === undefined || (typeof s[k] === 'number' && (s[k] as number) >= min && (s[k] as number) <= max);
  if (!num('status', 100, 599)) return 'status must be an HTTP status code';
  if (!num('ratio', 0, 1)) return 'ratio must be between 0 and 1';
  if (!num('count', 0, Number.MAX_SAFE_INTEGER)) return 'count must be a non-negative number';
  if (!num('latencyMs', 0, 600_000)) return 'latencyMs must be between 0 and 600000';
  for (const k of ['expireTokens', 'malformed', 'reset'])
    if (s[k] !== undefined && typeof s[k] !== 'boolean') return `${k} must be a boolean`;
  if (s.paths !== undefined) {
    if (typeof s.paths !== 'string') return 'paths must be a regular expression string';
    try {
      new RegExp(s.paths);
    } catch {
      return 'paths is not a valid regular expression';
    }
  }
  return undefined;
}

/** Fault injection for /api/ routes (never /_sim/). */
export class FaultController {
  private rules: ActiveRule[] = [];
  private rng: Rng;

  constructor(private readonly seed: number) {
    this.rng = createRng(seed ^ 0xfa017);
  }

  /** Replaces the active rules. */
  set(specs: FaultSpec[]): void {
    this.rules = specs.map((spec) => ({
      spec,
      paths: spec.paths === undefined ? undefined : new RegExp(spec.paths, 'i'),
      remaining: spec.count ?? Infinity,
    }));
  }

  clear(): void {
    this.rules = [];
    this.rng = createRng(this.seed ^ 0xfa017);
  }

  get active(): FaultSpec[] {
    return this.rules.filter((r) => r.remaining > 0).map((r) => r.spec);
  }

  /** Decides the fault for one request path; consumes `count`. */
  decide(path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || (rule.paths && !rule.paths.test(path))) continue;
      if (this.rng() >= (rule.spec.ratio ?? 1)) continue;
      rule.remaining--;
      decision.latencyMs += rule.spec.latencyMs ?? 0;
      if (decision.action) continue;
      if (rule.spec.reset) decision.action = { kind: 'reset' };
      else if (rule.spec.malformed) decision.action = { kind: 'malformed' };
      else if (rule.spec.status !== undefined) decision.action = { kind: 'status', status: rule.spec.status };
    }
    return decision;
  }
}
