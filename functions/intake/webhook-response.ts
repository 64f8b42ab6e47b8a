import { jsonResponse } from '#shared/http/json-response.ts';
import type { IngestOutcome } from './ingest-ticket-event.service.ts';

/**
 * 202 for a new survey; 200 for a repeat (never 409: senders retry on it), a reopen, or a
 * reopen ignored (older than the latest resolution).
 */
export const outcomeResponse = (outcome: IngestOutcome) => {
  switch (outcome.kind) {
    case 'scheduled':
      return jsonResponse(202, { surveyId: outcome.surveyId, status: 'scheduled' });
    case 'duplicate':
      return jsonResponse(200, { duplicate: true, surveyId: outcome.surveyId });
    case 'cancelled':
      return jsonResponse(200, { cancelled: outcome.surveyIds });
    case 'ignored':
      return jsonResponse(200, { ignored: outcome.reason });
  }
};
