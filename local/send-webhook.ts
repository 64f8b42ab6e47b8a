/**
 * `npm run webhook -- [resolved|closed|reopened] [ticketId] [email]`: signs a sample
 * canonical ticket event with the running local runtime's webhook secret (Standard
 * Webhooks) and posts it, as a ticket system would. The API's URL and the secret are read
 * from the runtime's data folder (`npm start` records them there; OTKLIK_DATA_DIR,
 * OTKLIK_API_PORT and OTKLIK_WEBHOOK_SECRET as for `npm start`), never made up: with
 * nothing there, or nothing answering, or a secret the runtime does not take, it says so.
 */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { dataDirOf, localEnvSchema, readRunningRuntime } from './config.ts';

const [
  kind = 'resolved',
  ticketId = `SD-${String(Date.now()).slice(-6)}`,
  email = 'anna.petrova@example.com',
] = process.argv.slice(2);
if (!['resolved', 'closed', 'reopened'].includes(kind)) {
  console.error('usage: npm run webhook -- [resolved|closed|reopened] [ticketId] [email]');
  process.exit(2);
}
const env = localEnvSchema.parse(process.env);
const { apiUrl, credentials } = await readRunningRuntime(env, 'OTKLIK_API_PORT' in process.env);
if (!credentials) {
  console.error(
    `no local credentials in ${dataDirOf(env)}: start the runtime with npm start (same OTKLIK_DATA_DIR) first`
  );
  process.exit(1);
}
const body = JSON.stringify({
  eventType: `ticket.${kind}`,
  ticketId,
  ticketNumber: ticketId,
  title: 'Не пришёл расчётный листок за октябрь',
  requester: { email, name: 'Анна Петрова', locale: 'ru-RU' },
  businessUnit: { id: 'FIN', name: 'Финансы' },
  service: { id: 'PAY', name: 'Расчёт заработной платы' },
  team: { id: 'PAY-L2', name: 'Зарплата, 2-я линия' },
  agent: { name: 'Олег Иванов', email: 'oleg.ivanov@example.com' },
  openedAt: '2026-11-20T06:12:03Z',
  resolvedAt: '2026-11-26T09:34:56Z',
  slaDueAt: null,
  slaBreached: null,
  reopenCount: null,
});
const id = `msg_${randomUUID()}`;
// One reading of the clock for the signature and its timestamp header: two readings can
// fall on either side of a second and the signature would not match.
const now = new Date();
const signature = new Webhook(credentials.webhookSecret).sign(id, now, body);
const url = `${apiUrl}/v1/webhooks/generic`;
let response: Response;
try {
  response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
  });
} catch {
  console.error(`nothing answers at ${url}: start the runtime with npm start`);
  process.exit(1);
}
if (response.status === 401) {
  console.error(
    `the runtime at ${apiUrl} refused the signature: it runs with another webhook secret than ${dataDirOf(env)}/credentials.json (started with OTKLIK_WEBHOOK_SECRET, or another OTKLIK_DATA_DIR?)`
  );
  process.exit(1);
}
console.log(`${String(response.status)} ${await response.text()}`);
