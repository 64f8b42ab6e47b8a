import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { toUtcIso } from '#functions/intake/sources/source-time.ts';
import { START_EXECUTION_TARGET } from '#shared/workflow/scheduled-start-port.ts';

/**
 * A minimal EventBridge Scheduler for the local runtime: the REST API the SDK speaks
 * (restJson1) for CreateSchedule (POST /schedules/{Name}), GetSchedule (GET) and
 * DeleteSchedule (DELETE, `groupName` in the query), one-time `at(yyyy-mm-ddThh:mm:ss)`
 * schedules only (in ScheduleExpressionTimezone, UTC by default). At its time a schedule
 * fires its target on the local Step Functions service, StartExecution with the target's
 * Input (the universal target `aws-sdk:sfn:startExecution`, whose Input is the request, or
 * a state machine ARN, whose Input is the execution's), and is deleted when its
 * ActionAfterCompletion is DELETE. Schedules live in memory: a restart forgets them, and
 * the reconcile pass starts surveys whose `sendAt` has passed.
 *
 * Local only, for the bench: `POST /_local/hold` keeps the schedules created from then on
 * (GetSchedule finds them) without arming them, `POST /_local/resume` arms new ones again;
 * held ones never fire. The bench measures intake with this round's workflows held back.
 */
export interface SchedulerLocalDeps {
  readonly region: string;
  readonly accountId: string;
  /** StartExecution on the local service; throws its API errors (ExecutionAlreadyExists…). */
  readonly startExecution: (params: {
    stateMachineArn: string;
    name?: string;
    input?: string;
  }) => unknown;
  readonly log: (line: string) => void;
}

export interface SchedulerLocal {
  readonly server: Server;
  /** Clears every pending timer (the schedules are dropped). */
  readonly stop: () => void;
}

const NAME = /^[0-9a-zA-Z._-]{1,64}$/;
const AT = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;
/** setTimeout's limit; a later time waits in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const createBody = z
  .object({
    GroupName: z.string().min(1).max(64).optional(),
    ScheduleExpression: z.string().regex(AT, 'only one-time at(yyyy-mm-ddThh:mm:ss) schedules'),
    ScheduleExpressionTimezone: z.string().min(1).optional(),
    FlexibleTimeWindow: z.object({ Mode: z.enum(['OFF', 'FLEXIBLE']) }).loose(),
    ActionAfterCompletion: z.enum(['NONE', 'DELETE']).optional(),
    State: z.enum(['ENABLED', 'DISABLED']).optional(),
    Target: z
      .object({ Arn: z.string().min(1), RoleArn: z.string().min(1), Input: z.string().optional() })
      .loose(),
  })
  .loose();
type CreateBody = z.infer<typeof createBody>;

const startRequest = z.object({
  StateMachineArn: z.string().min(1),
  Name: z.string().optional(),
  Input: z.string().optional(),
});

interface Schedule {
  readonly name: string;
  readonly group: string;
  readonly body: CreateBody;
  readonly fireAt: Date;
  readonly createdAt: Date;
  timer?: NodeJS.Timeout;
}

class SchedulerApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

const readJson = (req: IncomingMessage): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? (JSON.parse(text) as unknown) : {});
      } catch {
        reject(new SchedulerApiError(400, 'ValidationException', 'the body is not JSON'));
      }
    });
  });

const reply = (res: ServerResponse, status: number, body: unknown, code?: string) => {
  res.writeHead(status, {
    'content-type': 'application/json',
    ...(code ? { 'x-amzn-errortype': code } : {}),
  });
  res.end(JSON.stringify(body));
};

/** A path segment decoded; a malformed percent-escape is no name at all. */
const decodedOrEmpty = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
};

/** The instant of `at(…)` in its time zone. */
const fireTimeOf = (body: CreateBody): Date => {
  const local = AT.exec(body.ScheduleExpression)?.[1] ?? '';
  // UTC (what intake sends, and the default) needs no zone lookup: toUtcIso builds an
  // Intl.DateTimeFormat per call, ~2 ms of this process's CPU on every webhook of the bench.
  const timeZone = body.ScheduleExpressionTimezone ?? 'UTC';
  if (timeZone === 'UTC') {
    const instant = new Date(`${local}Z`);
    if (Number.isNaN(instant.getTime()))
      throw new SchedulerApiError(400, 'ValidationException', 'invalid ScheduleExpression');
    return instant;
  }
  try {
    return new Date(toUtcIso(local, timeZone));
  } catch {
    throw new SchedulerApiError(400, 'ValidationException', 'invalid ScheduleExpressionTimezone');
  }
};

export const createSchedulerLocal = (deps: SchedulerLocalDeps): SchedulerLocal => {
  const schedules = new Map<string, Schedule>();
  let holding = false;
  const keyOf = (group: string, name: string) => `${group}/${name}`;
  const arnOf = (s: Pick<Schedule, 'group' | 'name'>) =>
    `arn:aws:scheduler:${deps.region}:${deps.accountId}:schedule/${s.group}/${s.name}`;

  const fire = (schedule: Schedule) => {
    const { Target } = schedule.body;
    try {
      if (Target.Arn === START_EXECUTION_TARGET) {
        const request = startRequest.parse(JSON.parse(Target.Input ?? '{}'));
        deps.startExecution({
          stateMachineArn: request.StateMachineArn,
          ...(request.Name === undefined ? {} : { name: request.Name }),
          ...(request.Input === undefined ? {} : { input: request.Input }),
        });
      } else {
        deps.startExecution({ stateMachineArn: Target.Arn, input: Target.Input ?? '{}' });
      }
      deps.log(`schedule ${schedule.name} fired`);
    } catch (error) {
      // Scheduler would retry and then drop it; an execution that exists already is the
      // common case (started at once, or by reconcile): nothing is lost.
      deps.log(`schedule ${schedule.name}: ${error instanceof Error ? error.name : 'error'}`);
    }
    if ((schedule.body.ActionAfterCompletion ?? 'NONE') === 'DELETE')
      schedules.delete(keyOf(schedule.group, schedule.name));
  };

  const arm = (schedule: Schedule) => {
    const wait = schedule.fireAt.getTime() - Date.now();
    schedule.timer = setTimeout(
      () => {
        if (schedules.get(keyOf(schedule.group, schedule.name)) !== schedule) return;
        if (schedule.fireAt.getTime() > Date.now()) arm(schedule);
        else fire(schedule);
      },
      Math.min(Math.max(wait, 0), MAX_TIMER_MS)
    );
    schedule.timer.unref();
  };

  const nameOf = (url: URL): string => {
    const match = /^\/schedules\/([^/]+)$/.exec(url.pathname)?.[1] ?? '';
    const name = decodedOrEmpty(match);
    if (!NAME.test(name))
      throw new SchedulerApiError(400, 'ValidationException', 'invalid schedule name');
    return name;
  };

  const found = (group: string, name: string): Schedule => {
    const schedule = schedules.get(keyOf(group, name));
    if (!schedule)
      throw new SchedulerApiError(
        404,
        'ResourceNotFoundException',
        `Schedule ${name} does not exist.`
      );
    return schedule;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://scheduler.local');
    const control = /^\/_local\/(hold|resume)$/.exec(url.pathname)?.[1];
    if (req.method === 'POST' && control) {
      holding = control === 'hold';
      reply(res, 200, { holding });
      return;
    }
    const name = nameOf(url);
    const queryGroup = url.searchParams.get('groupName') ?? 'default';
    if (req.method === 'POST') {
      const parsed = createBody.safeParse(await readJson(req));
      if (!parsed.success)
        throw new SchedulerApiError(
          400,
          'ValidationException',
          parsed.error.issues[0]?.message ?? 'invalid'
        );
      const group = parsed.data.GroupName ?? 'default';
      if (schedules.has(keyOf(group, name)))
        throw new SchedulerApiError(409, 'ConflictException', `Schedule ${name} already exists.`);
      const schedule: Schedule = {
        name,
        group,
        body: parsed.data,
        fireAt: fireTimeOf(parsed.data),
        createdAt: new Date(),
      };
      schedules.set(keyOf(group, name), schedule);
      if ((parsed.data.State ?? 'ENABLED') === 'ENABLED' && !holding) arm(schedule);
      reply(res, 200, { ScheduleArn: arnOf(schedule) });
      return;
    }
    if (req.method === 'GET') {
      const s = found(queryGroup, name);
      reply(res, 200, {
        Arn: arnOf(s),
        Name: s.name,
        GroupName: s.group,
        ScheduleExpression: s.body.ScheduleExpression,
        ScheduleExpressionTimezone: s.body.ScheduleExpressionTimezone ?? 'UTC',
        FlexibleTimeWindow: s.body.FlexibleTimeWindow,
        ActionAfterCompletion: s.body.ActionAfterCompletion ?? 'NONE',
        State: s.body.State ?? 'ENABLED',
        Target: s.body.Target,
        CreationDate: s.createdAt.getTime() / 1000,
        LastModificationDate: s.createdAt.getTime() / 1000,
      });
      return;
    }
    if (req.method === 'DELETE') {
      const s = found(queryGroup, name);
      clearTimeout(s.timer);
      schedules.delete(keyOf(s.group, s.name));
      reply(res, 200, {});
      return;
    }
    throw new SchedulerApiError(
      400,
      'ValidationException',
      'only CreateSchedule, GetSchedule and DeleteSchedule are served locally'
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const known = error instanceof SchedulerApiError;
      const status = known ? error.status : 500;
      const code = known ? error.code : 'InternalServerException';
      const message = known ? error.message : 'internal error';
      reply(res, status, { Message: message, message }, code);
    });
  });
  return {
    server,
    stop: () => {
      for (const schedule of schedules.values()) clearTimeout(schedule.timer);
      schedules.clear();
    },
  };
};
