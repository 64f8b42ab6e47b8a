import { z } from 'zod';
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { surveysQuerySchema } from '#functions/csi/api/csi-api.schema.ts';
import {
  followUpIdSchema,
  followUpsQuerySchema,
} from '#functions/follow-up/api/follow-up-api.schema.ts';
import { assignmentSchema, resolutionSchema } from '#functions/follow-up/follow-up.schema.ts';
import { auditQuerySchema } from '#functions/platform/audit/audit-api.schema.ts';
import { csiMetricsQuerySchema } from '#functions/reporting/api/reporting.schema.ts';
import {
  aliasPathSchema,
  aliasSchema,
  createUnitSchema,
  unassignedQuerySchema,
  unitPathSchema,
  unitsQuerySchema,
  updateUnitSchema,
} from '#functions/platform/business-units/business-units-api.schema.ts';

/**
 * The admin API's OpenAPI 3.1 document, generated with zod-openapi from the zod schemas
 * the handlers validate with (query, path and body), so the document and the checks
 * cannot drift. `npm run openapi` writes it to functions/platform/openapi/openapi.json,
 * which GET /openapi.json serves; test/unit/contract/openapi.test.ts holds the copy
 * current and every admin route of the route table covered.
 *
 * It lives here, with the local tools, because it reads every context's schemas, which
 * no handler module may import (the rooms of docs/architecture.md).
 */
const problem = z
  .object({
    message: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'What is wrong with the request, field by field' });

// The cases and surveys as publicFollowUp and publicSurvey give them (#shared/data): the
// fields an integrator relies on, open to more.
const followUp = z
  .looseObject({
    followUpId: z.string(),
    surveyId: z.string(),
    status: z.enum(['open', 'overdue', 'resolved']),
    score: z.number().int().min(1).max(5),
  })
  .meta({ id: 'FollowUp' });
const survey = z
  .looseObject({ surveyId: z.string(), ticketId: z.string(), status: z.string() })
  .meta({ id: 'Survey' });
const metrics = z
  .looseObject({ from: z.string(), to: z.string(), sent: z.number(), rated: z.number() })
  .meta({ id: 'CsiMetrics' });

const auditRecord = z
  .looseObject({
    at: z.string(),
    actor: z.object({ sub: z.string(), name: z.string(), role: z.string() }),
    routeKey: z.string(),
    itemId: z.string().optional(),
    sourceIp: z.string(),
  })
  .meta({ id: 'AuditRecord' });

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  '400': json(problem, 'Invalid request: an unknown parameter, a bad value or cursor'),
  '401': { description: 'No valid bearer token' },
  '403': { description: 'The role may not use the route, or the unit asked for is not theirs' },
};
const body = (schema: z.ZodType) => ({
  content: { 'application/json': { schema } },
  required: true,
});

/** Where the next page begins, as every paginated list gives it. */
const nextCursor = z
  .string()
  .optional()
  .meta({ description: 'Absent on the last page; pass it as `cursor` for the next' });

// The business-unit registry (docs/business-units.md), as publicBusinessUnit gives a unit.
const businessUnit = z
  .looseObject({
    unitId: z.string(),
    names: z.object({ ru: z.string(), en: z.string() }),
    active: z.boolean(),
    aliases: z.array(z.object({ source: z.string(), value: z.string() })),
  })
  .meta({ id: 'BusinessUnit' });
const reattributed = z
  .object({
    values: z.number(),
    surveys: z.number(),
    aggregates: z.number(),
    complete: z.boolean(),
  })
  .meta({ description: '`complete: false`: call again; nothing is moved twice' });
const unassigned = z
  .looseObject({ source: z.string(), value: z.string(), count: z.number() })
  .meta({ id: 'UnassignedValue' });
const unitErrors = {
  ...errors,
  '404': json(problem, 'No such business unit'),
  '409': json(
    problem,
    'The id is taken, the alias is held by another unit (named), or the unit changed meanwhile'
  ),
};

const BUSINESS_UNIT_PATHS = {
  '/v1/business-units': {
    get: {
      summary: 'The registered business units by id, a page at a time',
      requestParams: { query: unitsQuerySchema },
      responses: {
        '200': json(z.object({ businessUnits: z.array(businessUnit), nextCursor }), 'One page'),
        ...errors,
      },
    },
    post: {
      summary: 'Registers a business unit with its aliases',
      requestBody: body(createUnitSchema),
      responses: { '201': json(businessUnit, 'The unit'), ...unitErrors },
    },
  },
  '/v1/business-units/unassigned': {
    get: {
      summary: 'The business-unit values no alias matched, a page at a time',
      requestParams: { query: unassignedQuerySchema },
      responses: {
        '200': json(z.object({ unassigned: z.array(unassigned), nextCursor }), 'One page'),
        ...errors,
      },
    },
  },
  '/v1/business-units/{id}': {
    get: {
      summary: 'One business unit',
      requestParams: { path: unitPathSchema },
      responses: { '200': json(businessUnit, 'The unit'), ...unitErrors },
    },
    patch: {
      summary: "Replaces a unit's names, key customers, quality owner or active flag",
      requestParams: { path: unitPathSchema },
      requestBody: body(updateUnitSchema),
      responses: { '200': json(businessUnit, 'The unit'), ...unitErrors },
    },
  },
  '/v1/business-units/{id}/deactivate': {
    post: {
      summary: 'Marks the unit inactive (kept, with its aliases and history)',
      requestParams: { path: unitPathSchema },
      responses: { '200': json(businessUnit, 'The unit'), ...unitErrors },
    },
  },
  '/v1/business-units/{id}/aliases': {
    post: {
      summary: 'Adds an alias and re-attributes what was recorded as unassigned under it',
      requestParams: { path: unitPathSchema },
      requestBody: body(aliasSchema),
      responses: {
        '200': json(businessUnit.extend({ reattributed }), 'The unit and what moved'),
        ...unitErrors,
      },
    },
  },
  '/v1/business-units/{id}/aliases/{source}/{value}': {
    delete: {
      summary: 'Removes an alias (the value URL-encoded); what it attributed stays',
      requestParams: { path: aliasPathSchema },
      responses: { '200': json(businessUnit, 'The unit'), ...unitErrors },
    },
  },
} satisfies ZodOpenApiPathsObject;

export const ADMIN_PATHS = {
  '/v1/surveys': {
    get: {
      summary: "A ticket's surveys, newest resolution first, a page at a time",
      requestParams: { query: surveysQuerySchema },
      responses: {
        '200': json(z.object({ surveys: z.array(survey), nextCursor }), 'One page of surveys'),
        ...errors,
      },
    },
  },
  '/v1/follow-ups': {
    get: {
      summary: "All units' cases of a status, earliest due first, a page at a time",
      requestParams: { query: followUpsQuerySchema },
      responses: {
        '200': json(
          z.object({
            followUps: z.array(followUp),
            nextCursor,
          }),
          'One page of cases'
        ),
        ...errors,
      },
    },
  },
  '/v1/follow-ups/{id}': {
    get: {
      summary: 'One case',
      requestParams: { path: followUpIdSchema },
      responses: {
        '200': json(followUp, 'The case'),
        '404': json(problem, 'No such case'),
        ...errors,
      },
    },
  },
  '/v1/follow-ups/{id}/assign': {
    post: {
      summary: 'Gives the case a new owner, who is mailed its link',
      requestParams: { path: followUpIdSchema },
      requestBody: body(assignmentSchema),
      responses: {
        '200': json(followUp, 'The case'),
        '404': json(problem, 'No such case'),
        '409': json(problem, 'The case is resolved'),
        ...errors,
      },
    },
  },
  '/v1/follow-ups/{id}/resolve': {
    post: {
      summary: 'Resolves the case',
      requestParams: { path: followUpIdSchema },
      requestBody: body(resolutionSchema),
      responses: {
        '200': json(followUp, 'The case'),
        '404': json(problem, 'No such case'),
        '409': json(problem, 'Already resolved'),
        ...errors,
      },
    },
  },
  '/v1/audit': {
    get: {
      summary: 'The audit log (admins only), newest first, a page at a time',
      requestParams: { query: auditQuerySchema },
      responses: {
        '200': json(
          z.object({ records: z.array(auditRecord), nextCursor }),
          'One page of audit records'
        ),
        ...errors,
      },
    },
  },
  '/v1/metrics/csi': {
    get: {
      summary: 'CSI figures for a period, of all units or one business unit or service',
      requestParams: { query: csiMetricsQuerySchema },
      responses: { '200': json(metrics, 'The figures'), ...errors },
    },
  },
  ...BUSINESS_UNIT_PATHS,
} satisfies ZodOpenApiPathsObject;

export const openApiDocument = () =>
  createDocument({
    openapi: '3.1.0',
    info: {
      title: 'otklik admin API',
      version: '1',
      description:
        'The admin (/v1) routes of otklik. Every route takes a JWT bearer token; unknown query parameters are refused with 400.',
    },
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths: ADMIN_PATHS,
  });
