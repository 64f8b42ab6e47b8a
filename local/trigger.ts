/**
 * `npm run trigger -- <schedule>`: fires one schedule's target now, in the running
 * local runtime (`npm start` in another terminal).
 */
import { scheduleDefinitions } from '#lib/definitions/index.ts';
import { localEnvSchema } from './config.ts';

const id = process.argv[2];
const known = scheduleDefinitions.map((s) => s.id).join(', ');
if (!id) {
  console.error(`usage: npm run trigger -- <schedule>   (one of: ${known})`);
  process.exit(2);
}
const env = localEnvSchema.parse(process.env);
const url = `http://${env.OTKLIK_HOST}:${env.OTKLIK_API_PORT}/_local/schedules/${encodeURIComponent(id)}`;
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
  console.error(`the local runtime does not answer at ${url}: start it with npm start`);
  process.exit(1);
}
