import { createServer, type Server } from 'node:http';
import { z } from 'zod';

/**
 * The one Secrets Manager call otklik makes (GetSecretValue), over the AWS JSON 1.1
 * protocol, so Powertools Parameters and the SDK reach it by endpoint
 * (AWS_ENDPOINT_URL_SECRETS_MANAGER) exactly as they reach AWS. No other operation exists
 * here; there is no packaged local Secrets Manager to run instead.
 */
const request = z.object({ SecretId: z.string().min(1) });

export const createSecretsManagerServer = (
  secrets: ReadonlyMap<string, string>,
  region: string
): Server =>
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
        reply(400, {
          __type: 'UnknownOperationException',
          message: 'only GetSecretValue is served locally',
        });
        return;
      }
      let parsed: z.infer<typeof request>;
      try {
        parsed = request.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reply(400, { __type: 'ValidationException', message: 'SecretId is required' });
        return;
      }
      const value = secrets.get(parsed.SecretId);
      if (value === undefined) {
        reply(400, {
          __type: 'ResourceNotFoundException',
          message: "Secrets Manager can't find the specified secret.",
        });
        return;
      }
      reply(200, {
        ARN: `arn:aws:secretsmanager:${region}:000000000000:secret:${parsed.SecretId}-local`,
        Name: parsed.SecretId,
        SecretString: value,
        VersionId: 'local',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 0,
      });
    });
  });
