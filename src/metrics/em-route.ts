/** A path segment kept as it is: an EM collection or action name (camelCase words), never an ID. */
const NAMED_SEGMENT = /^[a-z][A-Za-z]{0,39}$/;

/**
 * The route template of an EM request path for a metric label: `/api/` and the query dropped, every segment
 * that is not a plain collection or action name (UIDs, URNs, numbers, names) replaced by `{id}`, so no EM
 * string or ID reaches a label: `/api/backupSessions/urn:veeam:...` -> `/backupSessions/{id}`.
 */
export function emRouteTemplate(pathname: string): string {
  const segments = pathname
    .split('?')[0]!
    .split('/')
    .filter((segment) => segment !== '');
  const rest = segments[0] === 'api' ? segments.slice(1) : segments;
  return `/${rest.map((segment) => (NAMED_SEGMENT.test(segment) ? segment : '{id}')).join('/')}`;
}
