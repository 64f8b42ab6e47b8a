import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startBenchRuntime, type BenchRuntime } from './bench-runtime.ts';
import { pause, resolveTicket } from './observe.ts';
import { runPool } from './stats.ts';

/**
 * Where the CPU of the intake figure goes (`npx tsx bench/intake-budget.ts [--count 240]`):
 * the Node CPU (this process: the bench, the counting proxy and the whole local runtime)
 * and DynamoDB Local's (its JVM, a child process) per raw conditional PutItem, per webhook
 * with the workflows held back, and per survey with them running: its webhook during the
 * pass, then what its workflow still does afterwards (reminder, expiry, receipts). Also the
 * Lambda invocations and DynamoDB requests per survey. On 2 cores shared by both processes,
 * a CPU-bound throughput is the inverse of the CPU per unit, so these numbers bound the
 * intake figure (docs/benchmarks.md). A tool to explain the figure, not one of its own: it
 * is not part of `npm run bench` and asserts nothing.
 */

interface CpuSample {
  readonly nodeMs: number;
  readonly jvmMs: number;
  readonly wallMs: number;
}

const CLOCK_TICK_MS = 10; // USER_HZ = 100 on Linux: /proc/<pid>/stat counts in 10 ms ticks

const childrenOf = (pid: number): number[] => {
  try {
    const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
    return out.trim() === '' ? [] : out.trim().split(/\s+/).map(Number);
  } catch {
    return []; // ps exits 1 when the process has no children
  }
};

const descendantsOf = (pid: number): number[] =>
  childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);

const isJava = (pid: number) => {
  try {
    return readFileSync(`/proc/${String(pid)}/comm`, 'utf8').includes('java');
  } catch {
    return false;
  }
};

/** utime + stime of a process, from /proc/<pid>/stat (fields 14 and 15). */
const processCpuMs = (pid: number): number => {
  const fields = readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
    .split(') ')[1]
    ?.split(' ');
  return (Number(fields?.[11] ?? 0) + Number(fields?.[12] ?? 0)) * CLOCK_TICK_MS;
};

const sampler = (jvmPids: readonly number[]) => (): CpuSample => {
  const own = process.cpuUsage();
  return {
    nodeMs: (own.user + own.system) / 1000,
    jvmMs: jvmPids.reduce((sum, pid) => sum + processCpuMs(pid), 0),
    wallMs: performance.now(),
  };
};

interface Line {
  readonly step: string;
  readonly perSecond: string;
  readonly nodeMsPerUnit: string;
  readonly jvmMsPerUnit: string;
  readonly nodeBusy: string;
}

const line = (step: string, units: number, before: CpuSample, after: CpuSample): Line => {
  const wall = after.wallMs - before.wallMs;
  return {
    step,
    perSecond: ((units / wall) * 1000).toFixed(1),
    nodeMsPerUnit: ((after.nodeMs - before.nodeMs) / units).toFixed(2),
    jvmMsPerUnit: ((after.jvmMs - before.jvmMs) / units).toFixed(2),
    nodeBusy: `${((100 * (after.nodeMs - before.nodeMs)) / wall).toFixed(0)} %`,
  };
};

const holdSchedules = async (bench: BenchRuntime, hold: boolean) => {
  await fetch(`${bench.runtime.urls.scheduler}/_local/${hold ? 'hold' : 'resume'}`, {
    method: 'POST',
  });
};

const perSurvey = (counts: Readonly<Record<string, number>>, surveys: number) =>
  Object.fromEntries(
    Object.entries(counts).map(([name, count]) => [name, Number((count / surveys).toFixed(2))])
  );

const main = async () => {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '240' } } });
  const count = Number(values.count);
  const concurrency = 8;
  // The timers of the full bench: the mail 1 s after the webhook, reminder and expiry 20 s apart.
  const bench = await startBenchRuntime({
    sendDelay: 'PT1S',
    reminderAfter: 'PT20S',
    expireAfterReminder: 'PT20S',
  });
  const sample = sampler(descendantsOf(process.pid).filter(isJava));
  const ddb = new DynamoDBClient({
    endpoint: bench.capacity.url,
    region: bench.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const putItem = () =>
    ddb.send(
      new PutItemCommand({
        TableName: bench.runtime.tableName,
        Item: {
          pk: { S: `BENCH#${randomUUID()}` },
          sk: { S: 'SURVEY' },
          title: { S: 'Не пришёл расчётный листок'.repeat(8) },
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      })
    );
  const webhook = async () => {
    const ticket = await resolveTicket(bench);
    if (ticket.status >= 300) throw new Error(`webhook answered ${String(ticket.status)}`);
  };
  const lines: Line[] = [];
  const measure = async (step: string, task: () => Promise<unknown>) => {
    const before = sample();
    await runPool(count, concurrency, task);
    lines.push(line(step, count, before, sample()));
  };
  try {
    await holdSchedules(bench, true);
    // Warm: every module of the webhook imported, DynamoDB Local's JIT past its first calls.
    await runPool(16, concurrency, webhook);
    await runPool(16, concurrency, putItem);
    await measure('raw conditional PutItem, c = 8', putItem);
    await measure('webhook, c = 8, workflows held back', webhook);
    await holdSchedules(bench, false);
    await measure('raw conditional PutItem, c = 8 (again)', putItem);
    bench.invocations.reset();
    const operationsBefore = { ...bench.capacity.totals().operations };
    await measure('webhook, c = 8, workflows running', webhook);
    // What the pass's workflows still do after it: reminders and expiries, 20 s and 40 s on.
    const tail = sample();
    await pause(45_000);
    lines.push(line('  its workflows afterwards (45 s)', count, tail, sample()));
    console.table(lines);
    const invocations: Record<string, number> = {};
    for (const { functionId } of bench.invocations.records())
      invocations[functionId] = (invocations[functionId] ?? 0) + 1;
    const requests: Record<string, number> = {};
    for (const [operation, total] of Object.entries(bench.capacity.totals().operations))
      requests[operation] = total - (operationsBefore[operation] ?? 0);
    console.log('Lambda invocations per survey (running pass and after):');
    console.table(perSurvey(invocations, count));
    console.log('DynamoDB requests per survey (running pass and after):');
    console.table(perSurvey(requests, count));
  } finally {
    await bench.stop();
  }
};

await main();
