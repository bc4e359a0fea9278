import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The dashboard's files (plain HTML, CSS and one ES module: nothing to build), by the name the page asks for. */
export const DASHBOARD_FILES = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
} as const;
export type DashboardFile = keyof typeof DASHBOARD_FILES;

/**
 * The folder apps/admin-api/ui, found upwards from this module: the same from the sources (tests)
 * and from dist/ (npm start, the image copies the folder beside dist/).
 */
export function dashboardFolder(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'admin-api', 'ui');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`The dashboard's files (apps/admin-api/ui) were not found above ${from}`);
  }
}

/** Reads the files once: they do not change while the app runs. */
export function loadDashboardFiles(folder: string = dashboardFolder()): Record<DashboardFile, Buffer> {
  return Object.fromEntries(Object.keys(DASHBOARD_FILES).map((name) => [name, readFileSync(join(folder, name))])) as Record<
    DashboardFile,
    Buffer
  >;
}
