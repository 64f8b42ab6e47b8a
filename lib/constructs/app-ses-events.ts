import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import {
  ConfigurationSet,
  ConfigurationSetEventDestination,
  EmailSendingEvent,
  EventDestination,
} from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { SesEventType } from '../definitions/function-definition.ts';
import type { CatalogueFunction } from '../definitions/index.ts';
import type { AppFunctions } from './app-functions.ts';
import { ResourceGroup } from './resource-group.ts';

export interface AppSesEventsProps {
  readonly definitions: readonly CatalogueFunction[];
  readonly functions: AppFunctions;
  /** The configuration set every mail is sent through (the stateful stack's). */
  readonly configurationSetName: string;
}

/** The destination's name for a type, and the `detail.eventType` SES gives its events. */
const EVENT_TYPES: Readonly<
  Record<SesEventType, { destination: EmailSendingEvent; detail: string }>
> = {
  SEND: { destination: EmailSendingEvent.SEND, detail: 'Send' },
  DELIVERY: { destination: EmailSendingEvent.DELIVERY, detail: 'Delivery' },
  BOUNCE: { destination: EmailSendingEvent.BOUNCE, detail: 'Bounce' },
  COMPLAINT: { destination: EmailSendingEvent.COMPLAINT, detail: 'Complaint' },
  REJECT: { destination: EmailSendingEvent.REJECT, detail: 'Reject' },
};

/**
 * The SES events the catalogue's functions declare (`sesEvents`): one event destination on
 * the configuration set, to the default EventBridge bus (the only bus SES publishes to),
 * for exactly the declared types; and one rule per function, `<Id>SesEvents`, that matches
 * its types of this configuration set's mail only and invokes it (the target's permission
 * names the rule, nothing else).
 */
export class AppSesEvents extends ResourceGroup {
  constructor(scope: Construct, id: string, props: AppSesEventsProps) {
    super(scope, id);
    const subscribers = props.definitions.filter((d) => (d.sesEvents ?? []).length > 0);
    if (subscribers.length === 0) return;
    const types = [...new Set(subscribers.flatMap((d) => d.sesEvents ?? []))].sort();
    new ConfigurationSetEventDestination(this, 'MailEventsToEventBridge', {
      configurationSet: ConfigurationSet.fromConfigurationSetName(
        this,
        'MailConfiguration',
        props.configurationSetName
      ),
      destination: EventDestination.eventBus(
        EventBus.fromEventBusName(this, 'DefaultBus', 'default')
      ),
      events: types.map((type) => EVENT_TYPES[type].destination),
    });
    for (const definition of subscribers) {
      new Rule(this, `${definition.id}SesEvents`, {
        description: `SES ${(definition.sesEvents ?? []).join(', ')} events of ${props.configurationSetName} → ${definition.id}`,
        eventPattern: {
          source: ['aws.ses'],
          detail: {
            eventType: (definition.sesEvents ?? []).map((type) => EVENT_TYPES[type].detail),
            mail: { tags: { 'ses:configuration-set': [props.configurationSetName] } },
          },
        },
        targets: [new LambdaFunction(props.functions.get(definition.id))],
      });
    }
  }
}
