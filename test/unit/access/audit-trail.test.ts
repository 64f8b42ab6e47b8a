import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { decideAccess } from '#shared/access/decide-access.ts';
import { auditTrail, AuditUnavailableError } from '#shared/access/audit-trail.ts';
import { auditStore } from '#shared/data/audit-store.ts';
import { parseCsiSettings } from '#shared/settings/csi-settings.ts';
import { routeAccess } from '#lib/definitions/access.ts';
import { adminRequest, PRINCIPALS } from '#test/helpers/admin-api.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, NOW, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { expectNewItemOnly } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws({ table: 'empty' });

const trail = (settings: unknown) =>
  auditTrail({
    audit: auditStore({ db: documentClient(), tableName: TABLE }),
    settings: { current: () => Promise.resolve(parseCsiSettings(JSON.stringify(settings))) },
    now: () => NOW,
  });

const event = adminRequest('POST /v1/follow-ups/{id}/assign', { pathParameters: { id: 'c1' } });
const decision = decideAccess(routeAccess['POST /v1/follow-ups/{id}/assign'], PRINCIPALS.quality, {
  method: 'POST',
});
const grant = () => {
  if (!decision.allowed) throw new Error('a quality manager may assign');
  return decision.grant;
};

describe('Port: the audit trail', () => {
  it('keeps a record audit.retentionDays days, once (a new item only)', async () => {
    // Act
    await trail({ audit: { retentionDays: 30 } }).record(event, grant(), { itemId: 'c1' });

    // Assess
    const put = ddb.commandCalls(PutCommand)[0]?.args[0].input;
    expect(put?.Item).toMatchObject({
      routeKey: 'POST /v1/follow-ups/{id}/assign',
      itemId: 'c1',
      actor: { sub: 'quality-7', role: 'quality-manager' },
      expiresAt: NOW.getTime() / 1000 + 30 * 86400,
    });
    expectNewItemOnly(put);
  });

  it('gives the same record as a transaction part, written by nobody yet', async () => {
    // Act
    const part = await trail({}).recordItem(event, grant(), { itemId: 'c1' });

    // Assess
    expect(part.Put?.Item).toMatchObject({
      itemId: 'c1',
      expiresAt: NOW.getTime() / 1000 + 400 * 86400,
    });
    expect(ddb).not.toReceiveCommand(PutCommand);
  });

  it('fails with AuditUnavailableError (503) when the record cannot be written', async () => {
    // Prepare
    ddb.on(PutCommand).rejects(new Error('InternalServerError'));

    // Act
    const written = trail({}).record(event, grant(), { itemId: 'c1' });

    // Assess
    await expect(written).rejects.toBeInstanceOf(AuditUnavailableError);
    await expect(written).rejects.toMatchObject({ statusCode: 503 });
  });
});
