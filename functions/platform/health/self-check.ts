/**
 * Scheduled by the `self-check` EventBridge rule. Input: the scheduled event (unused).
 * Side effects: one `UnhealthyComponent` metric per failing component (dimension:
 * component, a handful of fixed values), for the alarms to watch.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '#shared/powertools.ts';
import { scheduledHandler } from '#shared/scheduled-handler.ts';
import { checkHealth, type HealthReport } from './check-health.service.ts';
import { healthDepsFromEnv } from './health-deps.ts';

const deps = healthDepsFromEnv();

export const lambdaHandler = async (): Promise<HealthReport> => {
  const report = await checkHealth(deps);
  for (const component of report.components.filter((c) => !c.healthy)) {
    const metric = metrics.singleMetric();
    metric.addDimension('component', component.name);
    metric.addMetric('UnhealthyComponent', MetricUnit.Count, 1);
    logger.warn('component unhealthy', { component: component.name, reason: component.reason });
  }
  return report;
};

export const handler = scheduledHandler(lambdaHandler);
