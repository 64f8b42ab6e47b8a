import { describe, expect, it } from 'vitest';
import { admin } from './loop-helpers.ts';
import * as given from './steps/given.ts';

interface AuditPage {
  records: {
    routeKey: string;
    itemId?: string;
    actor: { sub: string; role: string };
    sourceIp: string;
  }[];
}

/**
 * The audit log over the real local runtime (docs/access.md): an admin's read of a case and
 * the resolution of it, made with the local static token over HTTP, are both in
 * GET /v1/audit, newest first, in the admin's name.
 */
describe('Admin API: GET /v1/audit after a read and a change', () => {
  it("lists the read of a case and its resolution, under the local admin's subject", async () => {
    // Prepare
    const { survey } = await given.anOpenCase({ score: 1 });
    const id = survey.followUpId ?? survey.surveyId;
    const read = await admin(`/v1/follow-ups/${id}`);
    const resolved = await admin(`/v1/follow-ups/${id}/resolve`, {
      method: 'POST',
      body: JSON.stringify({
        rootCause: 'process',
        correctiveAction: 'Разобрали заявку с командой',
        notifyRequester: false,
      }),
    });
    const today = new Date().toISOString().slice(0, 10);

    // Act
    const { status, body } = await admin(
      `/v1/audit?from=${today}&to=${today}&actor=local-admin&limit=100`
    );

    // Assess
    expect([read.status, resolved.status, status]).toEqual([200, 200, 200]);
    const ofCase = (body as unknown as AuditPage).records.filter((r) => r.itemId === id);
    expect(ofCase.map((record) => record.routeKey)).toEqual([
      'POST /v1/follow-ups/{id}/resolve',
      'GET /v1/follow-ups/{id}',
    ]);
    expect(ofCase[0]).toMatchObject({
      actor: { sub: 'local-admin', role: 'admin' },
      sourceIp: expect.any(String),
    });
  });
});
