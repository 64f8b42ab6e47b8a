/**
 * `npm run test:reliability [-- --full] [-- <vitest filters>]`: the reliability project,
 * at its CI size or (`--full`) at the figures (test/reliability/sizes.ts).
 */
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const full = args.includes('--full');
const rest = args.filter((arg) => arg !== '--full');
const result = spawnSync('npx', ['vitest', 'run', '--project', 'reliability', ...rest], {
  stdio: 'inherit',
  env: { ...process.env, OTKLIK_RELIABILITY_SIZE: full ? 'full' : 'ci' },
});
process.exit(result.status ?? 1);
