import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { languageOf, type Language } from '../kernel/language.ts';

/** The client asked for JSON (Accept), e.g. an integration rather than a browser. */
export const wantsJson = (event: APIGatewayProxyEventV2): boolean =>
  /application\/json/i.test(event.headers.accept ?? '') &&
  !/text\/html/i.test(event.headers.accept ?? '');

/** The page language when no survey tells it: the browser's first language, else the default. */
export const requestLanguage = (event: APIGatewayProxyEventV2, fallback: Language): Language =>
  languageOf(event.headers['accept-language']?.split(',')[0]?.trim(), fallback);

/** The parsed body the middy body parsers left in `event.body` (an object, or the raw string). */
export const parsedBody = (event: APIGatewayProxyEventV2): unknown => {
  const body: unknown = event.body;
  return body ?? {};
};
