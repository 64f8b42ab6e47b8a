/**
 * `npm run webhook -- [resolved|closed|reopened] [ticketId] [email]`: signs a sample
 * canonical ticket event with the local webhook secret (Standard Webhooks) and posts it
 * to the running local runtime, as a ticket system would.
 */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { loadCredentials, localEnvSchema } from './config.ts';

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
const { webhookSecret } = await loadCredentials(env);
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
const signature = new Webhook(webhookSecret).sign(id, new Date(), body);
const url = `http://${env.OTKLIK_HOST}:${env.OTKLIK_API_PORT}/v1/webhooks/generic`;
try {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': signature,
    },
    body,
  });
  console.log(`${response.status} ${await response.text()}`);
} catch {
  console.error(`the local runtime does not answer at ${url}: start it with npm start`);
  process.exit(1);
}
