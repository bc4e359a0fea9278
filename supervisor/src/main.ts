import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadProcessEnvironment } from '@app/config/process-env';
import { instancesOf, parseSystemShape } from './shape';
import { Supervisor } from './supervisor';

const ROOT = join(__dirname, '../../..');

/**
 * `npm start -- [--engines N] [--publishers M]` (run by scripts/start.sh once the build, the
 * infrastructure and the migrations are done): starts the apps and keeps them running until
 * SIGINT or SIGTERM.
 */
function main(): void {
  const env = loadProcessEnvironment();
  let shape;
  try {
    shape = parseSystemShape(process.argv.slice(2), env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const log = (line: string) => console.log(`[start] ${new Date().toISOString()} ${line}`);
  const supervisor = new Supervisor(instancesOf(shape), {
    // Each app in a process group of its own: a Ctrl-C in the terminal reaches the supervisor
    // only, which stops them in order, rather than racing their exits with its own.
    start: (instance) =>
      spawn(process.execPath, ['-r', join(ROOT, 'scripts/paths.js'), join(ROOT, `dist/apps/${instance.app}/src/main.js`)], {
        cwd: ROOT,
        env: { ...env, ...instance.env },
        stdio: ['ignore', 'inherit', 'inherit'],
        detached: true,
      }),
    log,
    now: () => Date.now(),
    setTimer: (callback, ms) => {
      const timer = setTimeout(callback, ms);
      return { cancel: () => clearTimeout(timer) };
    },
  });
  const stop = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping every app`);
    void supervisor.stop().then(() => {
      log('every app stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  log(
    `running ${shape.engines} engine(s), ${shape.publishers} publisher(s), the admin API; apps that exit are restarted. Ctrl-C stops everything.`,
  );
  supervisor.start();
}

main();
