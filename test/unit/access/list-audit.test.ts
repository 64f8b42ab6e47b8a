import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Principal } from '#shared/access/principal.ts';
import { auditKey, auditLogEntries, auditLogPartition } from '#shared/data/keys.ts';
import { encodeCursor } from '#shared/http/cursor.ts';
import {
  adminRequest,
  authorizedBy,
  expectInvalidRequest,
  PRINCIPALS,
} from '#test/helpers/admin-api.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { handlerOf, invoke } from '#test/helpers/http-event.ts';
import { partitionOf, readable } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws({ table: 'empty' });
const listAudit = handlerOf(() => import('#functions/platform/audit/list-audit.ts'));

const AT = '2025-03-10T12:00:00.000Z';
const stored = (auditId: string, sub = 'quality-7') => ({
  ...auditKey(auditId),
  ...auditLogEntries(sub, AT, auditId),
  auditId,
  at: AT,
  actor: { sub, name: 'Мария Кузнецова', role: 'quality-manager' },
  routeKey: 'POST /v1/follow-ups/{id}/resolve',
  itemId: '0123456789abcdef0123456789abcdef',
  sourceIp: '192.0.2.1',
  expiresAt: 1776168000,
});

const request = (query: Record<string, string>, principal: Principal = PRINCIPALS.admin) =>
  adminRequest('GET /v1/audit', { query, requestContext: authorizedBy(principal) });

describe('Handler: list-audit (GET /v1/audit)', () => {
  it("answers an admin everyone's records of the period, newest first, one page", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({
      Items: [stored('a1'), stored('a2')],
      LastEvaluatedKey: { ...auditKey('a2'), ...auditLogEntries('quality-7', AT, 'a2') },
    });

    // Act
    const response = await invoke(listAudit, request({ from: '2025-03-01', to: '2025-03-10' }));

    // Assess
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body);
    expect(body.records).toEqual([
      expect.objectContaining({
        auditId: 'a1',
        actor: expect.objectContaining({ sub: 'quality-7' }),
      }),
      expect.objectContaining({ auditId: 'a2' }),
    ]);
    expect(body.records[0]).not.toHaveProperty('gsi2pk');
    expect(body.nextCursor).toEqual(expect.any(String));
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    const partition = auditLogPartition();
    expect(query).toMatchObject({ IndexName: partition.index.indexName, ScanIndexForward: false });
    expect(readable(query?.KeyConditionExpression, query ?? {})).toBe(
      `${partition.index.pk} = "${partition.value}" AND ${partition.index.sk} BETWEEN "2025-03-01" AND "2025-03-10~"`
    );
    expect(ddb).toReceiveCommand(BatchGetCommand);
  });

  it("reads one actor's records from their own list", async () => {
    // Act
    await invoke(
      listAudit,
      request({ from: '2025-03-01T00:00:00Z', to: '2025-03-10T23:59:59Z', actor: 'quality-7' })
    );

    // Assess
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(partitionOf(query ?? {})).toBe(auditLogPartition('quality-7').value);
    expect(query?.IndexName).toBe(auditLogPartition('quality-7').index.indexName);
  });

  it('answers 403 to anyone but an admin', async () => {
    for (const principal of [PRINCIPALS.quality, PRINCIPALS.cfo, PRINCIPALS.owner]) {
      const response = await invoke(
        listAudit,
        request({ from: '2025-03-01', to: '2025-03-10' }, principal)
      );
      expect(response.statusCode).toBe(403);
    }
    expect(ddb).not.toReceiveCommand(QueryCommand);
  });

  it("answers 400 to a cursor of another actor's list, and to a period backwards", async () => {
    const cursor =
      encodeCursor({ ...auditKey('a2'), ...auditLogEntries('someone-else', AT, 'a2') }) ?? '';

    const wrongList = await invoke(
      listAudit,
      request({ from: '2025-03-01', to: '2025-03-10', actor: 'quality-7', cursor })
    );
    const backwards = await invoke(listAudit, request({ from: '2025-03-10', to: '2025-03-01' }));

    expectInvalidRequest(wrongList, ['cursor']);
    expectInvalidRequest(backwards, ['from']);
    expect(ddb).not.toReceiveCommand(QueryCommand);
  });
});
