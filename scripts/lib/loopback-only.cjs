'use strict';
// Preloaded into the Agents Playground (NODE_OPTIONS=--require): it listens on every interface and has no option to
// choose one, which would expose the unauthenticated local bot to the network. Servers that name no host get 127.0.0.1.
const net = require('node:net');

const listen = net.Server.prototype.listen;
/** @type {(...args: any[]) => net.Server} */
const listenWithAnyArguments = listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if (typeof first === 'number' && (second === undefined || typeof second === 'function')) {
    return listenWithAnyArguments.call(this, first, '127.0.0.1', ...args.slice(1));
  }
  if (
    first !== null &&
    typeof first === 'object' &&
    !Array.isArray(first) &&
    first.host === undefined &&
    first.path === undefined
  ) {
    return listenWithAnyArguments.call(this, { ...first, host: '127.0.0.1' }, ...args.slice(1));
  }
  return listenWithAnyArguments.apply(this, args);
};
