/**
 * GET /console/csi[?from=YYYY-MM-DD&to=YYYY-MM-DD] (a console page; admin, quality manager,
 * unit viewer): CSI per business unit the person may see. Unsigned → sign in and back;
 * another role → a 403 page (the access table, through pageAccess).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { pageAccess } from '#shared/access/page-access.ts';
import { routeAccessFromEnv } from '#shared/access/route-access-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { consolePeriodSchema, thisQuarterSoFar } from './console-period.ts';
import { csiByUnit } from './csi-by-unit.service.ts';
import { csiByUnitPage, csiProblemPage } from './csi-by-unit-page.ts';

const store = storeFromEnv();
const settings = settingsFromEnv();
const rules = routeAccessFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const access = pageAccess(event, rules);
  if (access.kind === 'sign-in')
    return { statusCode: 303, headers: { location: access.location, 'cache-control': 'no-store' } };
  const current = await settings.current();
  // Staff pages speak the SSC's language (docs/pages.md).
  const language = current.sscLanguage;
  if (access.kind === 'forbidden') return htmlResponse(403, csiProblemPage(language, 'forbidden'));
  const asked = consolePeriodSchema.safeParse(event.queryStringParameters ?? {});
  if (!asked.success) return htmlResponse(400, csiProblemPage(language, 'bad-period'));
  const period =
    asked.data.from !== undefined && asked.data.to !== undefined
      ? { from: asked.data.from, to: asked.data.to }
      : thisQuarterSoFar(new Date(), current.timeZone);
  const rows = await csiByUnit(
    store,
    { ...period, units: access.grant.units },
    current.rating.policy
  );
  return htmlResponse(200, csiByUnitPage(language, period, rows));
};

export const handler = pageHandler(settings, lambdaHandler, 'staff');
