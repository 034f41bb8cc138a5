import { repositoriesBySpace } from '../../em/estate.js';
import { buildReposView } from '../../views/repos-view.js';
import type { CommandHandler } from '../types.js';

/** `/veeam repos`: every repository with its capacity, free space and a bar, worst first. */
export const reposCommand: CommandHandler = async (_rest, _context, deps) =>
  buildReposView(await repositoriesBySpace(deps.client), {
    warnPercent: deps.protection?.repoWarnPercent ?? 15,
    critPercent: deps.protection?.repoCritPercent ?? 5,
  });
