// Preloaded with `node --require` by test/lsp/privacy.test.ts: records every attempt
// to reach the network (a TCP/TLS/UDP connection, a DNS lookup, an HTTP request,
// fetch) as one JSON line in the file named by AXIAL_NET_TRAP, then lets the call
// go on (in a network namespace without interfaces it then fails, as it would
// offline). Stdio pipes never call these, so an Axial process must log nothing.
'use strict';
const fs = require('node:fs');
const LOG = process.env.AXIAL_NET_TRAP;

function record(what, args) {
  if (!LOG) return;
  let detail;
  try {
    detail = JSON.stringify(args, (_k, v) => (typeof v === 'function' ? '[function]' : v)).slice(0, 300);
  } catch {
    detail = String(args[0]);
  }
  fs.appendFileSync(LOG, JSON.stringify({ pid: process.pid, what, detail, stack: new Error().stack.split('\n').slice(2, 6).join(' | ') }) + '\n');
}

function trap(obj, name, label) {
  const original = obj && obj[name];
  if (typeof original !== 'function') return;
  obj[name] = function trapped(...args) {
    record(label, args);
    return original.apply(this, args);
  };
}

const net = require('node:net');
trap(net.Socket.prototype, 'connect', 'net.Socket.connect');
trap(net, 'connect', 'net.connect');
trap(net, 'createConnection', 'net.createConnection');
const tls = require('node:tls');
trap(tls, 'connect', 'tls.connect');
const dns = require('node:dns');
for (const f of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'resolveSrv', 'reverse']) trap(dns, f, `dns.${f}`);
for (const f of ['lookup', 'resolve', 'resolve4', 'resolve6']) trap(dns.promises, f, `dns.promises.${f}`);
for (const mod of ['http', 'https']) {
  const m = require(`node:${mod}`);
  trap(m, 'request', `${mod}.request`);
  trap(m, 'get', `${mod}.get`);
}
trap(require('node:http2'), 'connect', 'http2.connect');
const dgram = require('node:dgram');
trap(dgram, 'createSocket', 'dgram.createSocket');
if (typeof globalThis.fetch === 'function') trap(globalThis, 'fetch', 'fetch');
