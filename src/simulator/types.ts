import type { SessionCreated, SessionPatch, SessionSpec } from './control/session-spec.js';
import type { FaultSpec } from './http/faults.js';
import type { StatsSnapshot } from './http/stats.js';
import type { ClockOptions } from './sim-clock.js';
import type { ActionRecord } from './control/actions-log.js';
import type { RefuseActionsWith } from './routes/action-routes.js';

export type { ActionRecord, RefuseActionsWith };
export type { ClockOptions, FaultSpec, SessionCreated, SessionPatch, SessionSpec, StatsSnapshot };
export type { TaskSpec } from './control/session-spec.js';

/** Options of startSimulator; every one is optional. */
export interface SimulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** PRNG seed: same seed (and clock start) -> same UIDs, names and history. Default 42. */
  seed?: number;
  /** Historical job/CDP/failover sessions to generate; default 1000. */
  history?: number;
  /** Run the live scenario; default true. */
  live?: boolean;
  /** Serve HTTPS with a generated self-signed certificate; default false. */
  tls?: boolean;
  /** Where the certificate PEM goes with `tls`; default a new temp dir. */
  certDir?: string;
  /** Credentials for Basic logon; default demo/demo. */
  user?: string;
  password?: string;
  /** Idle expiry of logon tokens in scenario-clock milliseconds; default 15 min. */
  idleTimeoutMs?: number;
  /** Origin written into every Href (e.g. `https://srv12.tech.local:9398`); default the request's Host. */
  publicBaseUrl?: string;
  /** Scenario clock: start time, speed, or manual stepping. */
  clock?: ClockOptions;
  /** Emit `repicaTaskSessions` (sic) on ReplicaJobSession Down links (docs/em-protocol.md, "Whether misspelt replica task links resolve"); default false. */
  replicaTaskTypo?: boolean;
  /** Start JSON bodies with a UTF-8 BOM, as older EM versions did; default false. */
  jsonBom?: boolean;
  /** Refused job actions (retry after success, start while running, stop while stopped): `task` (default) answers 202 with a task that ends `Success="false"`, `http` a 400 Error. */
  refuseActionsWith?: RefuseActionsWith;
  /**
   * Show job and plan action links to every role (the other possibility of docs/em-protocol.md, "Action links and
   * roles"): a Portal User then sees `Retry` and gets a 403 when it posts it. Default false: links only for roles
   * that may act.
   */
  actionLinksForEveryRole?: boolean;
}

/** A running simulator. */
export interface RunningSimulator {
  /** API base ending in `/api/`. */
  url: string;
  /** `http(s)://host:port`. */
  origin: string;
  /** PEM of the self-signed certificate (tls only). */
  caFile?: string;
  user: string;
  password: string;
  stop(): Promise<void>;
  clock: { now(): number; advance(ms: number): void; set(ms: number): void };
  /** Same as POST /_sim/sessions; throws on bad input. */
  createSession(spec: SessionSpec): SessionCreated;
  /** Same as POST /_sim/sessions/{id}. */
  updateSession(id: string, patch: SessionPatch): SessionCreated;
  stats(): StatsSnapshot;
  resetStats(): void;
  /** Same as POST /_sim/faults. */
  setFaults(spec: FaultSpec | FaultSpec[]): void;
  clearFaults(): void;
  /** Same as POST /_sim/reset. */
  reset(): void;
  /** Same as GET /_sim/actions. */
  actions(): ActionRecord[];
}
