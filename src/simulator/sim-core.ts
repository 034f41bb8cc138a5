import { TokenStore } from './http/auth.js';
import { FaultController, validateFault, type FaultSpec } from './http/faults.js';
import { Stats, type StatsSnapshot } from './http/stats.js';
import { createSession, patchSession } from './control/sessions.js';
import {
  ControlError,
  type SessionCreated,
  type SessionPatch,
  type SessionSpec,
} from './control/session-spec.js';
import { createScenarioClock, type ClockOptions, type ScenarioClock } from './sim-clock.js';
import { World } from './world.js';
import { ActionsLog } from './control/actions-log.js';
import { OPERATOR_ACCOUNT } from './http/accounts.js';
import type { RefuseActionsWith } from './routes/action-routes.js';
import type { RenderContext } from './xml/context.js';

/** Resolved simulator settings (defaults applied). */
export interface CoreOptions {
  seed: number;
  history: number;
  live: boolean;
  user: string;
  password: string;
  idleTimeoutMs: number;
  publicBaseUrl: string | undefined;
  clock: ClockOptions;
  replicaTaskTypo: boolean;
  /** Prefix JSON bodies with a UTF-8 BOM, as older EM versions did. */
  jsonBom: boolean;
  /** How refused job actions are answered: a 202 task that fails, or an HTTP error. */
  refuseActionsWith: RefuseActionsWith;
  /** Action links for every role, not only those that may act. */
  actionLinksForEveryRole: boolean;
}

/** The simulator's state behind both the HTTP transport and the programmatic handle. */
export class SimulatorCore {
  readonly clock: ScenarioClock;
  readonly world: World;
  readonly tokens: TokenStore;
  readonly faults: FaultController;
  readonly stats = new Stats();
  readonly actions = new ActionsLog();

  constructor(readonly options: CoreOptions) {
    this.clock = createScenarioClock(options.clock);
    this.world = new World({
      seed: options.seed,
      history: options.history,
      live: options.live,
      anchor: this.clock.startTime,
    });
    this.tokens = new TokenStore({
      user: options.user,
      password: options.password,
      idleTimeoutMs: options.idleTimeoutMs,
      accounts: [OPERATOR_ACCOUNT],
      // Idle expiry follows the scenario clock, so tests step it instead of waiting.
      now: () => this.clock.now(),
    });
    this.faults = new FaultController(options.seed);
    this.clock.onJump(() => this.world.tick(this.clock.now()));
  }

  /** The Href base for a request: the public base URL or the request's own origin, plus `/api`. */
  renderContext(requestOrigin: string): RenderContext {
    const origin = (this.options.publicBaseUrl ?? requestOrigin).replace(/\/+$/, '');
    const now = this.clock.now();
    this.world.tick(now);
    return {
      store: this.world.store,
      base: `${origin}/api`,
      now,
      replicaTaskTypo: this.options.replicaTaskTypo,
    };
  }

  createSession(spec: SessionSpec | unknown, origin: string): SessionCreated {
    const ctx = this.renderContext(origin);
    return createSession(this.world, spec, ctx.now, ctx.base);
  }

  updateSession(id: string, patch: SessionPatch | unknown, origin: string): SessionCreated {
    const ctx = this.renderContext(origin);
    return patchSession(this.world, id, patch, ctx.now, ctx.base);
  }

  /** Replaces the fault rules; one rule or a list. Throws ControlError on bad input. */
  setFaults(spec: FaultSpec | FaultSpec[] | unknown): FaultSpec[] {
    const specs = Array.isArray(spec) ? spec : [spec];
    for (const s of specs) {
      const problem = validateFault(s);
      if (problem) throw new ControlError(problem);
    }
    const rules = specs as FaultSpec[];
    if (rules.some((r) => r.expireTokens)) this.tokens.expireAll();
    this.faults.set(rules);
    return this.faults.active;
  }

  clearFaults(): void {
    this.faults.clear();
  }

  statsSnapshot(): StatsSnapshot {
    return this.stats.snapshot({
      logons: this.tokens.logons,
      logoffs: this.tokens.logoffs,
      activeTokens: this.tokens.active().length,
    });
  }

  resetStats(): void {
    this.stats.reset();
    this.tokens.resetCounters();
  }

  /** POST /_sim/reset: seeded history back, stats and faults cleared, live scenario restarted. */
  reset(): void {
    this.world.rebuild(this.clock.now());
    this.resetStats();
    this.clearFaults();
    this.actions.clear();
  }
}
