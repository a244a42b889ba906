'use strict';
// One warm cloud-function instance. Plain CommonJS on purpose: worker_threads load it directly,
// whatever loader (tsx, jest) runs the parent, exactly as CloudBase loads a deployed index.js.
const { parentPort, workerData } = require('node:worker_threads');

const loadStarted = process.hrtime.bigint();
let main;
let loadError = null;
try {
  main = require(workerData.file).main;
  if (typeof main !== 'function') throw new Error('index.js does not export main');
} catch (err) {
  loadError = err;
}
const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;
parentPort.postMessage({ type: 'ready', loadMs, error: loadError ? String(loadError.stack || loadError) : null });

parentPort.on('message', async (msg) => {
  if (msg.type !== 'invoke') return;
  // CloudBase gives each invocation its own context; one request at a time per instance makes this safe.
  for (const key of msg.clearEnv) delete process.env[key];
  Object.assign(process.env, msg.env);
  const started = process.hrtime.bigint();
  try {
    const result = await main(msg.event, msg.context);
    parentPort.postMessage({ type: 'result', id: msg.id, result, ms: Number(process.hrtime.bigint() - started) / 1e6 });
  } catch (err) {
    parentPort.postMessage({ type: 'crash', id: msg.id, error: String((err && err.stack) || err) });
  }
});
