import { emRouteTemplate } from '../../../src/metrics/em-route.js';

describe('emRouteTemplate', () => {
  it.each([
    ['/api/query', '/query'],
    ['/api/', '/'],
    ['/api/backupSessions/1c2b7a41-2a8d-4c5e-9a0e-0b7c7f0e1a2b', '/backupSessions/{id}'],
    ['/api/jobs/urn:veeam:Job:5b1f/includes', '/jobs/{id}/includes'],
    ['/api/logonSessions/8d2e0e9c-1111-2222-3333-444455556666', '/logonSessions/{id}'],
    ['/api/reports/summary/overview', '/reports/summary/overview'],
    ['/api/backupServers/42', '/backupServers/{id}'],
    ['/api/jobs/Nightly%20SQL', '/jobs/{id}'],
  ])('%s -> %s', (path, template) => {
    expect(emRouteTemplate(path)).toBe(template);
  });
});
