// Portkey's gateway (build/start-server.js, as `npx @portkey-ai/gateway` runs it) bound to 127.0.0.1 only: its server
// listens on every interface and has no option for the address, so listen() is given the loopback address here.
// Usage: node serve.mjs --port=18490 --headless
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, host, ...rest) {
  return typeof port === 'number' ? listen.call(this, port, '127.0.0.1', ...rest) : listen.call(this, port, host, ...rest);
};
await import('./node_modules/@portkey-ai/gateway/build/start-server.js');
