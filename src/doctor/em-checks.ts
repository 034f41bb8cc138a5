import type { EmConfig } from '../config/load-config.js';
import { connectEm } from '../em/connect.js';
import type { EmClient } from '../em/client.js';
import { EmError } from '../em/errors.js';
import { COLLECTIONS, SESSION_FIELDS, TASK_FIELDS } from '../em/query-fields.js';
import { retryPolicies } from '../em/retry-policies.js';
import { SESSION_KINDS, TASK_SESSION_KINDS } from '../em/types.js';
import { ErrorCode, isAppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { checkActionRole } from './action-role-check.js';
import { fail, pass, skip, type CheckResult } from './check.js';

/**
 * Checks the Enterprise Manager side: reachable, TLS trusted, API version, logon, every session type answers, and
 * with `jobActions` (JOB_ACTIONS=on) that the account's role may run job actions.
 */
export async function checkEm(
  em: EmConfig,
  logger: Logger,
  options: { jobActions?: boolean } = {},
): Promise<CheckResult[]> {
  if (!em.url)
    return [
      skip(
        'Enterprise Manager',
        'VEEAM_URL is not set; the bot would run against its embedded simulator (demo)',
      ),
    ];
  let client: EmClient;
  try {
    client = await connectEm({ ...em, url: em.url }, { logger, retryPolicy: retryPolicies.none });
  } catch (error) {
    return [
      fail(
        'TLS CA file',
        isAppError(error) ? error.message : String(error),
        'point VEEAM_CA_FILE at a readable PEM file',
      ),
    ];
  }
  try {
    const results: CheckResult[] = [];
    const reach = await checkReachable(client, em);
    results.push(...reach);
    if (reach.some((r) => r.status === 'fail')) return results;
    const logon = await checkLogon(client, em);
    results.push(logon);
    if (logon.status === 'fail') return results;
    results.push(await checkSessionTypes(client));
    if (options.jobActions) results.push(await checkActionRole(client));
    return results;
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function checkReachable(client: EmClient, em: EmConfig): Promise<CheckResult[]> {
  const host = new URL(client.apiBase).host;
  try {
    const root = await client.root();
    const tls = em.url?.startsWith('https')
      ? em.tlsInsecure
        ? fail(
            'TLS',
            'verification is switched off (VEEAM_TLS_INSECURE=true)',
            'trust the certificate with VEEAM_CA_FILE instead',
          )
        : pass('TLS', `certificate of ${host} verified${em.caFile ? ` with ${em.caFile}` : ''}`)
      : fail(
          'TLS',
          'VEEAM_URL uses plain http',
          'use https://<em>:9398/api/ (plain HTTP is gone since API v1_5)',
        );
    const version = root.supportedVersions.includes('v1_7')
      ? pass('API version', `v1_7 supported (${root.supportedVersions.join(', ')})`)
      : fail(
          'API version',
          `the server offers ${root.supportedVersions.join(', ') || 'no version'}`,
          'upgrade Enterprise Manager to 12 or later (API v1_7)',
        );
    return [pass('Enterprise Manager reachable', `${client.apiBase} answered`), tls, version];
  } catch (error) {
    if (isAppError(error, ErrorCode.EmTls)) {
      return [
        pass('Enterprise Manager reachable', `${host} answers on TLS`),
        fail(
          'TLS',
          'the certificate is not trusted',
          `save it with "openssl s_client -connect ${host} -showcerts </dev/null | openssl x509 > em.pem" and set VEEAM_CA_FILE=em.pem`,
        ),
      ];
    }
    return [
      fail(
        'Enterprise Manager reachable',
        describe(error),
        `check VEEAM_URL (${client.apiBase}), DNS, and that port ${new URL(client.apiBase).port || 443} is open from this host`,
      ),
    ];
  }
}

async function checkLogon(client: EmClient, em: EmConfig): Promise<CheckResult> {
  try {
    const logon = await client.logon();
    return pass('Logon', `logged on as ${logon.userName || em.username}`);
  } catch (error) {
    return fail(
      'Logon',
      describe(error),
      'check VEEAM_USERNAME (DOMAIN\\user or user@domain) and VEEAM_PASSWORD; the account needs an Enterprise Manager role (Portal User is enough; Portal Administrator with JOB_ACTIONS=on)',
    );
  }
}

async function checkSessionTypes(client: EmClient): Promise<CheckResult> {
  const kinds = [...SESSION_KINDS, ...TASK_SESSION_KINDS];
  const failed: string[] = [];
  await Promise.all(
    kinds.map(async (kind) => {
      const fields =
        kind in SESSION_FIELDS
          ? SESSION_FIELDS[kind as keyof typeof SESSION_FIELDS]
          : TASK_FIELDS[kind as keyof typeof TASK_FIELDS];
      try {
        await client.queryReferences(
          { type: kind, format: 'References', sortDesc: fields.creation, pageSize: 1 },
          1,
        );
      } catch (error) {
        failed.push(`${kind} (${describe(error)})`);
      }
    }),
  );
  return failed.length === 0
    ? pass('Session types', `${kinds.length} types answer (${Object.values(COLLECTIONS).join(', ')})`)
    : fail(
        'Session types',
        `not answering: ${failed.join('; ')}`,
        'the account may lack rights on some backup servers, or EM is older than 12',
      );
}

function describe(error: unknown): string {
  if (error instanceof EmError) return `${error.userMessage} (${error.message})`;
  return error instanceof Error ? error.message : String(error);
}
