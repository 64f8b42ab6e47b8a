/**
 * `npm run trigger -- <schedule>`: fires one schedule's target now, in the running
 * local runtime (`npm start` in another terminal), at the API URL it recorded in its data
 * folder (OTKLIK_API_PORT, when set, wins); says so when nothing answers there.
 */
import { scheduleDefinitions } from '#lib/definitions/index.ts';
import { localEnvSchema, readRunningRuntime } from './config.ts';

const id = process.argv[2];
const known = scheduleDefinitions.map((s) => s.id).join(', ');
if (!id) {
  console.error(`usage: npm run trigger -- <schedule>   (one of: ${known})`);
  process.exit(2);
}
const env = localEnvSchema.parse(process.env);
const { apiUrl } = await readRunningRuntime(env, 'OTKLIK_API_PORT' in process.env);
const url = `${apiUrl}/_local/schedules/${encodeURIComponent(id)}`;
try {
  const response = await fetch(url, { method: 'POST' });
  const text = await response.text();
  if (!response.ok) {
    console.error(
      response.status === 404
        ? `no schedule '${id}' (known: ${known})`
        : `trigger failed (${response.status}): ${text}`
    );
    process.exit(1);
  }
  console.log(text);
} catch {
  console.error(`nothing answers at ${url}: start the runtime with npm start`);
  process.exit(1);
}
