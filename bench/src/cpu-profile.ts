/**
 * Preloaded (`-r`) into a child when the bench runs with --profile: records a V8 CPU profile
 * from start-up and writes it on SIGTERM, before the app's own shutdown hooks exit the process.
 * The directory comes from BENCH_CPU_PROFILE_DIR.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.enable');
  session.post('Profiler.start');
  let written = false;
  process.prependListener('SIGTERM', () => {
    if (written) return;
    written = true;
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
