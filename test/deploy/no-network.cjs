/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, loaded by node --require */
/* global require */
// Preloaded into `npm run deploy -- --dry-run` by test/deploy: a TCP connection or a DNS lookup fails
// loudly. Local (unix socket) connections stay allowed: tsx talks to its own process through one.
const net = require('node:net');
const dns = require('node:dns');
const refuse = (what) => () => {
  throw new Error(`network used during a dry run: ${what}`);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const local = typeof first === 'string' || (first && typeof first === 'object' && typeof first.path === 'string');
  if (!local) refuse(`connect ${JSON.stringify(first)}`)();
  return connect.apply(this, args);
};
dns.lookup = refuse('dns.lookup');
dns.promises.lookup = refuse('dns.promises.lookup');
