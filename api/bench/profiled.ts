import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';

/** With BENCH_PROFILE set, writes a CPU profile of `run` to <name>.cpuprofile in that folder. */
export async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  const folder = process.env.BENCH_PROFILE;
  if (!folder) return run();
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => session.post(method, (err, result) => (err ? reject(err) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  const result = await run();
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  await writeFile(`${folder}/${name}.cpuprofile`, JSON.stringify(profile));
  session.disconnect();
  return result;
}
