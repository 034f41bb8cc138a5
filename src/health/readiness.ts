/** One part readiness depends on: its name (named in a 503) and a check that throws when it is not ready. */
export interface ReadinessPart {
  name: 'em' | 'slack' | 'store';
  check(): Promise<void>;
}

/** The outcome of a readiness check: the parts that failed, by name, with a short reason each. */
export interface Readiness {
  ready: boolean;
  failing: { part: string; reason: string }[];
}

/** How long one part may take before it counts as failing: a probe must answer within its own timeout. */
const PART_TIMEOUT_MS = 2_000;

/** Checks every part at once; a part that throws or takes longer than the timeout is failing. */
export async function checkReadiness(parts: readonly ReadinessPart[]): Promise<Readiness> {
  const results = await Promise.all(
    parts.map(async (part) => {
      try {
        await withTimeout(part.check(), PART_TIMEOUT_MS);
        return undefined;
      } catch (error) {
        return { part: part.name as string, reason: reasonOf(error) };
      }
    }),
  );
  const failing = results.filter(
    (result): result is { part: string; reason: string } => result !== undefined,
  );
  return { ready: failing.length === 0, failing };
}

/**
 * EM's reachability from the answers the bot already gets (the transport's onResponse): the last attempt
 * answered (below 500) or not. A replica that has not talked to EM for a while asks `probe` (a cheap call).
 */
export function createEmReachability(options: {
  probe: () => Promise<unknown>;
  now: () => number;
  staleMs: number;
}) {
  let last: { ok: boolean; at: number } | undefined;
  return {
    /** Feed from the transport: the HTTP status, or undefined when no answer came. */
    record(status: number | undefined): void {
      last = { ok: status !== undefined && status < 500, at: options.now() };
    },
    part: {
      name: 'em',
      check: async () => {
        if (last === undefined || options.now() - last.at > options.staleMs) {
          await options.probe().catch(() => undefined); // its attempts are recorded through the transport
        }
        if (last?.ok !== true) throw new Error('Enterprise Manager did not answer');
      },
    } satisfies ReadinessPart,
  };
}

/** Slack's auth.test, asked once at start and its outcome kept (a revoked token needs a restart anyway). */
export function cachedSlackAuth(authTest: () => Promise<unknown>): ReadinessPart {
  const outcome = authTest().then(
    () => undefined,
    (error: unknown) => reasonOf(error),
  );
  return {
    name: 'slack',
    check: async () => {
      const failure = await outcome;
      if (failure !== undefined) throw new Error(failure);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A short reason for the 503 body: Slack's error code or ours when there is one (no EM strings or URLs). */
function reasonOf(error: unknown): string {
  const fields = (error ?? {}) as { slackCode?: unknown; code?: unknown; data?: { error?: unknown } };
  // The Web API client's platform errors carry Slack's code (`invalid_auth`) in data.error.
  const code = fields.data?.error ?? fields.slackCode ?? fields.code;
  if (typeof code === 'string' && /^[A-Za-z_.-]{1,40}$/.test(code)) return code;
  return error instanceof Error && !/https?:/.test(error.message) ? error.message.slice(0, 80) : 'failed';
}
