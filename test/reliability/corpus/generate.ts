/**
 * Writes test/reliability/corpus/hostile-requests.json, the R4 fuzz corpus:
 * `npx tsx test/reliability/corpus/generate.ts`. Every route of the route table is aimed
 * at, in every category that applies to it. Deterministic (no random values), so the file
 * only changes when this script or the route table does; commit both.
 */
import { writeFileSync } from 'node:fs';
import { fromRoot } from '#lib/config/paths.ts';
import { routeDefinitions } from '#lib/definitions/index.ts';
import type { HostileRequest } from './hostile-request.ts';

const out: HostileRequest[] = [];
let counter = 0;
const add = (
  request: Omit<HostileRequest, 'id' | 'headers'> & { headers?: Record<string, string> }
) => {
  counter += 1;
  out.push({ id: `h${String(counter).padStart(4, '0')}`, headers: {}, ...request });
};

const XSS = [
  '<script>alert("otklik")</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '<svg/onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '\u202Egnp.exe\u202C',
  'line\r\nBcc: victim@example.com',
];
const TOKENS = [
  'A'.repeat(43),
  'x',
  '',
  '%ZZ%ZZ',
  '%',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  'B'.repeat(5000),
  '%00',
  "1'%20OR%20'1'='1",
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%F0%9F%98%80%F0%9F%98%80',
  '%D8%00',
  'TOKEN%23abc',
  'SURVEY%23x',
  'aGVsbG8gd29ybGQ=',
  '__proto__',
  'constructor',
  '-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-',
];
const IDS = ['x', '%ZZ', '..%2F..%2F', '__proto__', 'C'.repeat(3000), "'%20OR%201=1", '%00'];
const SOURCES = ['naumen', 'jira', 'zendesk', 'servicenow', 'unknown', '%ZZ', '..', 'NAUMEN'];
const WRONG_METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'GET', 'POST'];

const fill = (path: string, value: string) => path.replace(/\{[a-z]+\}/g, value);

const event = (overrides: Record<string, unknown> = {}) => ({
  eventType: 'ticket.resolved',
  ticketId: 'FUZZ-1',
  title: 'fuzz',
  requester: { email: 'fuzz@example.com', name: 'Fuzz', locale: 'ru-RU' },
  businessUnit: { id: 'FIN', name: 'Финансы' },
  service: { id: 'PAY', name: 'Расчёт' },
  resolvedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

for (const route of routeDefinitions) {
  const name = `${route.method} ${route.path}`;
  const samplePath = fill(route.path, route.path.includes('{source}') ? 'naumen' : 'A'.repeat(43));

  // methods: every method the route table does not list for the path.
  for (const method of WRONG_METHODS) {
    const listed = routeDefinitions.some((r) => r.path === route.path && r.method === method);
    if (!listed) add({ category: 'methods', route: name, method, path: samplePath });
  }

  // tokens and ids in the path.
  if (route.path.includes('{token}'))
    for (const token of TOKENS)
      add({ category: 'tokens', route: name, method: route.method, path: fill(route.path, token) });
  if (route.path.includes('{id}'))
    for (const id of IDS)
      add({
        category: 'tokens',
        route: name,
        method: route.method,
        path: fill(route.path, id),
        headers: { authorization: 'Bearer wrong-admin-token-0123456789' },
        body: '{}',
      });
  if (route.path.includes('{source}'))
    for (const source of SOURCES)
      add({
        category: 'tokens',
        route: name,
        method: route.method,
        path: fill(route.path, source),
        body: JSON.stringify(event()),
      });

  // header tricks: admin routes without, with a wrong, with a malformed bearer token.
  if (route.auth === 'admin') {
    for (const authorization of [
      '',
      'Bearer',
      'Bearer wrong-admin-token-0123456789',
      'Basic YWRtaW46YWRtaW4=',
      'bearer  ' + 'x'.repeat(9000),
      'Bearer reliability-admin-token-0123456789x',
      'Bearer reliability-admin-token-012345678',
    ])
      add({
        category: 'header tricks',
        route: name,
        method: route.method,
        path: `${samplePath}?ticketId=${encodeURIComponent(XSS[0] ?? '')}&limit=-1&cursor=%ZZ`,
        headers: authorization ? { authorization } : {},
        body:
          route.method === 'POST'
            ? JSON.stringify({ owner: { email: XSS[1], name: XSS[0] } })
            : undefined,
      });
  }

  // bodies on the routes that read one.
  if (route.method === 'POST') {
    const bodies: [string, Partial<HostileRequest>][] = [
      [
        'sizes',
        { body: 'A', repeat: 11 * 1024 * 1024, headers: { 'content-type': 'application/json' } },
      ],
      [
        'sizes',
        {
          head: '{"score":"',
          body: '9',
          repeat: 100_000,
          tail: '"}',
          headers: { 'content-type': 'application/json' },
        },
      ],
      [
        'nesting',
        {
          body: '[',
          repeat: 20_000,
          tail: ']',
          tailRepeat: 20_000,
          headers: { 'content-type': 'application/json' },
        },
      ],
      [
        'nesting',
        {
          body: '{"a":',
          repeat: 5_000,
          tail: '}',
          tailRepeat: 5_000,
          head: '',
          headers: { 'content-type': 'application/json' },
        },
      ],
      [
        'encodings',
        {
          bodyBase64: Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0xa0, 0xa1]).toString('base64'),
          headers: { 'content-type': 'application/json; charset=utf-8' },
        },
      ],
      ['encodings', { body: '\uFEFF{"score":5}', headers: { 'content-type': 'application/json' } }],
      [
        'encodings',
        {
          body: 'score=5&score=1&score[]=3',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      ],
      [
        'encodings',
        {
          body: 'score=%ZZ&comment=%E0%A4%A',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      ],
      [
        'encodings',
        {
          body: '{"score":5}',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        },
      ],
      ['encodings', { body: '{"score":5}', headers: { 'content-type': 'text/xml' } }],
      [
        'encodings',
        {
          body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
          headers: { 'content-type': 'application/xml' },
        },
      ],
      [
        'encodings',
        { body: '{"score":5}', headers: { 'content-type': 'application/json; charset=utf-7' } },
      ],
      ['encodings', { body: '{"score":5', headers: { 'content-type': 'application/json' } }],
      ['encodings', { body: 'null', headers: { 'content-type': 'application/json' } }],
      ['encodings', { body: '[]', headers: { 'content-type': 'application/json' } }],
      [
        'encodings',
        {
          body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
          headers: { 'content-type': 'application/json' },
        },
      ],
      [
        'encodings',
        { body: '{"score":5,"score":1}', headers: { 'content-type': 'application/json' } },
      ],
      ['encodings', { body: '{"score":1e308}', headers: { 'content-type': 'application/json' } }],
      [
        'encodings',
        { body: '{"score":"\\ud800"}', headers: { 'content-type': 'application/json' } },
      ],
      ['encodings', { body: '', headers: { 'content-type': 'multipart/form-data; boundary=x' } }],
      ...XSS.map((x): [string, Partial<HostileRequest>] => [
        'injection',
        {
          body: JSON.stringify({
            score: 3,
            comment: x,
            rootCause: x,
            correctiveAction: x,
            owner: { email: x, name: x },
          }),
          headers: { 'content-type': 'application/json' },
        },
      ]),
    ];
    for (const [category, extra] of bodies)
      add({ category, route: name, method: route.method, path: samplePath, ...extra });
  }
}

// signatures: the generic webhook, every way a signature can be wrong or stale.
const generic = 'POST /v1/webhooks/generic';
const body = JSON.stringify(event());
const signatures: [string, Partial<HostileRequest>][] = [
  ['no signature', { headers: { 'webhook-id': 'msg_fuzz_1', 'webhook-timestamp': '0' } }],
  ['wrong secret', { sign: { secret: 'wrong', webhookId: 'msg_fuzz_2' } }],
  [
    'stale (1 h old)',
    { sign: { secret: 'wrong', webhookId: 'msg_fuzz_3', timestampOffset: -3600 } },
  ],
  [
    'from the future (1 h)',
    { sign: { secret: 'wrong', webhookId: 'msg_fuzz_4', timestampOffset: 3600 } },
  ],
  [
    'float timestamp',
    { sign: { secret: 'runtime', webhookId: 'msg_fuzz_5', timestampLiteral: '1796110124.9' } },
  ],
  [
    'junk timestamp',
    { sign: { secret: 'runtime', webhookId: 'msg_fuzz_6', timestampLiteral: '1796110124abc' } },
  ],
  [
    'negative timestamp',
    { sign: { secret: 'runtime', webhookId: 'msg_fuzz_7', timestampLiteral: '-1' } },
  ],
  [
    'huge timestamp',
    { sign: { secret: 'runtime', webhookId: 'msg_fuzz_8', timestampLiteral: '9'.repeat(400) } },
  ],
  ['2 KB webhook-id', { sign: { secret: 'runtime', webhookId: `msg_${'x'.repeat(2100)}` } }],
  ['4 KB webhook-id', { sign: { secret: 'runtime', webhookId: `msg_${'y'.repeat(4000)}` } }],
  [
    'webhook-id with controls',
    { sign: { secret: 'runtime', webhookId: 'msg_\u0001\u0007\u007f' } },
  ],
  ['empty webhook-id', { sign: { secret: 'runtime', webhookId: '' } }],
  [
    'v2 scheme',
    {
      headers: {
        'webhook-id': 'msg_fuzz_9',
        'webhook-timestamp': '1796110124',
        'webhook-signature': 'v2,AAAA',
      },
    },
  ],
  [
    'many signatures',
    {
      headers: {
        'webhook-id': 'msg_fuzz_10',
        'webhook-timestamp': '1796110124',
        'webhook-signature': Array.from({ length: 500 }, () => 'v1,AAAAAAAA').join(' '),
      },
    },
  ],
  [
    'malformed base64',
    {
      headers: {
        'webhook-id': 'msg_fuzz_11',
        'webhook-timestamp': '1796110124',
        'webhook-signature': 'v1,%%%%',
      },
    },
  ],
  [
    'svix headers, wrong',
    {
      headers: {
        'svix-id': 'msg_fuzz_12',
        'svix-timestamp': '1796110124',
        'svix-signature': 'v1,AAAA',
      },
    },
  ],
];
for (const [what, extra] of signatures)
  add({
    category: `signatures: ${what}`,
    route: generic,
    method: 'POST',
    path: '/v1/webhooks/generic',
    body,
    headers: { 'content-type': 'application/json', ...extra.headers },
    ...(extra.sign ? { sign: extra.sign } : {}),
  });

// signatures of the ticket systems' own webhooks (none valid).
for (const source of ['naumen', 'jira', 'zendesk', 'servicenow'])
  for (const headers of <Record<string, string>[]>[
    {},
    { 'x-hub-signature': 'sha256=00' },
    {
      'x-zendesk-webhook-signature': 'AAAA',
      'x-zendesk-webhook-signature-timestamp': '2026-01-01T00:00:00Z',
    },
    { authorization: 'Bearer wrong' },
    { 'webhook-id': 'x', 'webhook-timestamp': '1', 'webhook-signature': 'v1,AAAA' },
    {
      'x-atlassian-webhook-identifier': 'y'.repeat(5000),
      'x-hub-signature': 'sha256=' + 'f'.repeat(64),
    },
  ])
    add({
      category: 'signatures: source',
      route: 'POST /v1/webhooks/{source}',
      method: 'POST',
      path: `/v1/webhooks/${source}`,
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

// unknown paths and path tricks.
for (const path of [
  '/',
  '/v1',
  '/v1/webhooks',
  '/%ZZ',
  '/r/',
  '/r',
  '/f//x',
  '/_local/schedules/csi-reconcile',
  '/..%2F..%2Fpackage.json',
  '/health/../v1/surveys',
  `/${'z'.repeat(10_000)}`,
  '/r/x/y',
  '/v1/surveys/%00',
])
  for (const method of ['GET', 'POST']) add({ category: 'paths', route: '(none)', method, path });

writeFileSync(
  fromRoot('test/reliability/corpus/hostile-requests.json'),
  `${JSON.stringify(out, null, 1)}\n`
);
console.log(
  `${String(out.length)} hostile requests over ${String(routeDefinitions.length)} routes`
);
