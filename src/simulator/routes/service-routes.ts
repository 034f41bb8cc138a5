import { runQuery } from '../query/run-query.js';
import { listRes } from '../xml/resource.js';
import { logonRes, rootRes } from '../xml/serialize-service.js';
import { HttpError, notFound, ok, type Route } from './api-context.js';

/** Unauthenticated 401 with the Basic challenge EM sends (docs/em-protocol.md, "Logon and the session token", docs/em-protocol.md, "The body of a 401"). */
export function unauthorized(message = 'Unauthorized'): HttpError {
  return new HttpError(401, message, { 'WWW-Authenticate': 'Basic Realm=RestSvc' });
}

/** Root, logon/logoff and the query service. */
export const SERVICE_ROUTES: Route[] = [
  { pattern: [], key: '/api/', auth: false, methods: { GET: (api) => ok(rootRes(api.render.base)) } },
  {
    // With or without trailing slash and ?v= (docs/em-protocol.md, "Logon URL variants").
    pattern: ['sessionmngr'],
    key: '/api/sessionMngr',
    auth: false,
    methods: {
      POST: (api) => {
        const logon = api.tokens.logon(api.headers.authorization);
        if (!logon) throw unauthorized('The user name or password is incorrect.');
        return {
          status: 201,
          body: logonRes(api.render.base, logon.sessionId, logon.userName),
          headers: {
            'X-RestSvcSessionId': logon.token,
            'Set-Cookie': `X-RestSvcSessionId=${logon.token}; Path=/api;`,
          },
        };
      },
    },
  },
  {
    pattern: ['logonsessions'],
    key: '/api/logonSessions',
    auth: true,
    methods: {
      GET: (api) =>
        ok(
          listRes(
            'LogonSessions',
            api.tokens
              .active()
              .map((t) => ({ ...logonRes(api.render.base, t.sessionId, t.userName), tag: 'LogonSession' })),
          ),
        ),
    },
  },
  {
    pattern: ['logonsessions', ':id'],
    key: '/api/logonSessions/{id}',
    auth: true,
    methods: {
      GET: (api, [id = '']) => {
        const t = api.tokens.bySessionId(id);
        if (!t) throw notFound(`Logon session ${id}`);
        return ok(logonRes(api.render.base, t.sessionId, t.userName));
      },
      DELETE: (api, [id = '']) => {
        if (!api.tokens.logoff(id)) throw notFound(`Logon session ${id}`);
        return { status: 204 };
      },
    },
  },
  {
    pattern: ['query'],
    key: '/api/query',
    auth: true,
    methods: {
      GET: (api) => {
        const { res, type } = runQuery(api.render, api.rawQuery);
        return { status: 200, body: res, queryType: type };
      },
    },
  },
];
