import type { Source } from '#shared/kernel/sources.ts';
import { jiraAdapter } from './jira-adapter.ts';
import { naumenAdapter } from './naumen-adapter.ts';
import { servicenowAdapter } from './servicenow-adapter.ts';
import type { SourceAdapter } from './source-adapter.ts';
import { zendeskAdapter } from './zendesk-adapter.ts';

/** The adapter of each source of the one list (a source without one does not compile). */
export const adapters: Readonly<Record<Source, SourceAdapter>> = {
  naumen: naumenAdapter,
  jira: jiraAdapter,
  zendesk: zendeskAdapter,
  servicenow: servicenowAdapter,
};
