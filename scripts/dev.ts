/**
 * npm run dev: rebuilds dist/ whenever a source file changes (functions, mini-program, core).
 * Run `npm start` beside it; the function host loads each function fresh on its next cold start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildFunctions, buildMiniprogram, optionsFromArgv, packTDesign, ROOT, writeDatabaseManifest } from './build';

const WATCHED = ['core', 'cloudfunctions', 'miniprogram'];
const opts = optionsFromArgv(process.argv.slice(2));
let timer: NodeJS.Timeout | undefined;
let building = false;

async function rebuild(changed: string): Promise<void> {
  if (building) return;
  building = true;
  const t = Date.now();
  try {
    await buildFunctions();
    await buildMiniprogram(opts);
    await packTDesign();
    writeDatabaseManifest();
    console.log(`rebuilt after ${changed} (${Date.now() - t} ms)`);
  } catch (err) {
    console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    building = false;
  }
}

for (const dir of WATCHED) {
  fs.watch(path.join(ROOT, dir), { recursive: true }, (_event, file) => {
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(`${dir}/${file ?? ''}`), 150);
  });
}
void rebuild('start');
console.log(`watching ${WATCHED.join(', ')} — Ctrl-C stops`);
