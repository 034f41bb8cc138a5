import type { Route } from './api-context.js';
import { INFRA_ROUTES } from './infra-routes.js';
import { SERVICE_ROUTES } from './service-routes.js';
import { SESSION_ROUTES } from './session-routes.js';
import { ESTATE_ROUTES } from './estate-routes.js';
import { LINK_TARGET_ROUTES, SERVICE_EXTRA_ROUTES } from './link-target-routes.js';
import { TASK_ROUTES, withActionMethods } from './action-routes.js';

const ROUTES: Route[] = withActionMethods([
  ...SERVICE_ROUTES,
  ...SESSION_ROUTES,
  ...INFRA_ROUTES,
  ...ESTATE_ROUTES,
  ...LINK_TARGET_ROUTES,
  ...SERVICE_EXTRA_ROUTES,
  ...TASK_ROUTES,
]);

/** The route for lower-cased path segments and the `:id` values it captured, or undefined (404). */
export function matchRoute(segments: string[]): { route: Route; ids: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.pattern.length !== segments.length) continue;
    const ids: string[] = [];
    let matched = true;
    for (let i = 0; i < segments.length; i++) {
      const want = route.pattern[i];
      const got = segments[i] as string;
      if (want === ':id') ids.push(got);
      else if (want !== got) {
        matched = false;
        break;
      }
    }
    if (matched) return { route, ids };
  }
  return undefined;
}
