/** GET /auth/signed-out (public): "you are signed out", with a link to sign in again. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requestLanguage } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { signInPageHandler } from './sign-in-handler.ts';
import { signedOutPage } from './sign-in-pages.ts';

export const lambdaHandler = (event: APIGatewayProxyEventV2) =>
  Promise.resolve(htmlResponse(200, signedOutPage(requestLanguage(event, 'ru'))));

export const handler = signInPageHandler(lambdaHandler);
