import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { expect } from 'vitest';
import { tokenKey } from '#shared/data/keys.ts';
import type { TokenRecord } from '#shared/data/token.ts';
import { hashToken, mintToken } from '#shared/kernel/tokens.ts';
import { SURVEY_ID } from './ddb-fixtures.ts';
import { httpEvent, STACK_TRACE, tokenItem, type HttpResult } from './http-event.ts';

/**
 * What the tests of the pages people open from a mail (/r, /u and /f links) share: the
 * links, the requests, and what every answer must be (not a test file itself).
 */
type DocumentStub = AwsClientStub<DynamoDBDocumentClient>;

/** The handler wrote nothing: no Update, no Put, no transaction. */
export const expectNoWrites = (ddb: DocumentStub): void => {
  expect(ddb).not.toReceiveCommand(UpdateCommand);
  expect(ddb).not.toReceiveCommand(PutCommand);
  expect(ddb).not.toReceiveCommand(TransactWriteCommand);
};

type LinkKind = TokenRecord['kind'];

/** Until when each kind of link is valid by default: all of them after NOW. */
const VALID_UNTIL: Readonly<Record<LinkKind, string>> = {
  // the closing time of the survey (surveyItem's closesAt)
  rating: '2025-03-12T09:10:00.000Z',
  unsubscribe: '2025-06-01T00:00:00.000Z',
  // the case's openedAt + the default maximum age of a case (P30D)
  case: '2025-04-09T00:00:00.000Z',
};

/** A link token's record: a `kind` of link to SURVEY_ID, valid after NOW unless overridden. */
export const aLink = (kind: LinkKind, overrides: Partial<TokenRecord> = {}): TokenRecord => ({
  kind,
  subjectId: SURVEY_ID,
  validUntil: VALID_UNTIL[kind],
  ...overrides,
});

export interface LinkRequest {
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: string;
  /** Another token than the page's own (a malformed one, say). */
  readonly token?: string;
}

export interface LinkPage {
  /** The page's link token as the mail carries it (only its hash is stored). */
  readonly token: string;
  /**
   * Stores `link` under the hash of the token and `subject` under its key (nothing with
   * `null`); the page's own link and subject when a test names none.
   */
  readonly givenLink: (link?: TokenRecord, subject?: object | null) => void;
  /** A browser's request for the page: HTML accepted unless `headers` say otherwise. */
  readonly request: (method: string, request?: LinkRequest) => APIGatewayProxyEventV2;
}

export interface LinkPageOptions {
  /** The first segment of the page's path: `r`, `u` or `f`. */
  readonly path: string;
  /** The key of the item a link opens, by the link's subject (`surveyKey`, `followUpKey`). */
  readonly opens: (subjectId: string) => Record<string, string>;
  /** What `givenLink()` stores when a test names nothing. */
  readonly byDefault: { readonly link: TokenRecord; readonly subject: object };
  /** Headers every request of the page sends (a browser's user agent, say). */
  readonly headers?: Record<string, string>;
}

/** The page behind `/{path}/{token}` links over the mocked table: its token, links, requests. */
export const linkPage = (
  ddb: DocumentStub,
  { path, opens, byDefault, headers: pageHeaders = {} }: LinkPageOptions
): LinkPage => {
  const token = mintToken();
  return {
    token,
    givenLink: (link = byDefault.link, subject = byDefault.subject) => {
      ddb.on(GetCommand, { Key: tokenKey(hashToken(token)) }).resolves({
        Item: tokenItem(token, link),
      });
      // A copy for each test: no test sees what another's handler may have done to it.
      if (subject) {
        ddb
          .on(GetCommand, { Key: opens(link.subjectId) })
          .resolves({ Item: structuredClone(subject) });
      }
    },
    request: (method, { headers = {}, query, body, token: other = token } = {}) =>
      httpEvent({
        method,
        routeKey: `${method} /${path}/{token}`,
        rawPath: `/${path}/${other}`,
        pathParameters: { token: other },
        headers: { accept: 'text/html', ...pageHeaders, ...headers },
        ...(query ? { query } : {}),
        ...(body === undefined ? {} : { body }),
      }),
  };
};

/** The title of each error page, by language and status. */
const ERROR_TITLES = {
  en: { 404: 'Link not found', 410: 'This survey has closed', 500: 'Something went wrong' },
  ru: { 404: 'Ссылка не найдена', 410: 'Опрос завершён', 500: 'Что-то пошло не так' },
} as const;

/**
 * An error page as a browser gets it: the status, the page's CSP, the page in `language`
 * with its title, and no stack trace.
 */
export const expectErrorPage = (
  response: HttpResult,
  status: 404 | 410 | 500,
  language: keyof typeof ERROR_TITLES
): void => {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  expect(response.body).toContain(`<html lang="${language}">`);
  expect(response.body).toContain(ERROR_TITLES[language][status]);
  expect(response.body).not.toMatch(STACK_TRACE);
};
