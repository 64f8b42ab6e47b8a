import { jiraAdapter } from './jira-adapter.ts';
import { naumenAdapter } from './naumen-adapter.ts';
import { servicenowAdapter } from './servicenow-adapter.ts';
import type { Source, SourceAdapter } from './source-adapter.ts';
import { zendeskAdapter } from './zendesk-adapter.ts';

export const adapters: Readonly<Record<Source, SourceAdapter>> = {
  naumen: naumenAdapter,
  jira: jiraAdapter,
  zendesk: zendeskAdapter,
  servicenow: servicenowAdapter,
};
