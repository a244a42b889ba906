/**
 * A devcloud in its own process, for the durability test to kill with SIGKILL and start again.
 * Usage: node --import tsx devcloud/db/durability-child.ts <dataDir> <port>
 * Prints one JSON line `{"serviceUrl": ...}` once it accepts requests.
 */
import os from 'node:os';
import path from 'node:path';
import { startDevcloud } from '../server';

export const DURABILITY_COLLECTIONS = [{ name: 'ledger' }, { name: 'counters' }];

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port) throw new Error('usage: durability-child.ts <dataDir> <port>');
  const dc = await startDevcloud({
    dataDir,
    port: Number(port),
    collections: DURABILITY_COLLECTIONS,
    functionsDir: path.join(os.tmpdir(), 'devcloud-durability-no-functions'),
  });
  process.stdout.write(`${JSON.stringify({ serviceUrl: dc.serviceUrl })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String((e as Error).stack ?? e)}\n`);
  process.exit(1);
});
