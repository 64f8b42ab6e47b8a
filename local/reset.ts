/** `npm run reset`: wipes the local data folder (DynamoDB Local's data, local credentials). */
import { dataDirOf, localEnvSchema } from './config.ts';
import { wipeLocalData } from './runtime.ts';

const dir = dataDirOf(localEnvSchema.parse(process.env));
await wipeLocalData(dir);
console.log(`[otklik] wiped ${dir}`);
