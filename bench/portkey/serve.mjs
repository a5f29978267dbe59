// Portkey's gateway (build/start-server.js, as `npx @portkey-ai/gateway` runs it) bound to 127.0.0.1 only: its server
// listens on every interface and has no option for the address, so listen() is given the loopback address here.
// Usage: node serve.mjs --port=18490 --headless
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, host, ...rest) {
  return typeof port === 'number' ? listen.call(this, port, '127.0.0.1', ...rest) : listen.call(this, port, host, ...rest);
};
// On Node, a fetch() Response's headers are immutable, and Portkey 1.15.2 appends its own headers (x-portkey-trace-id,
// ...) to the provider's Response when it passes a stream through: every streamed call failed with "TypeError: immutable"
// and a 500 (its plain calls build a new Response and were not affected). So that its streaming can be measured at all,
// each provider response is handed to it as a copy with mutable headers: a Response around the same body stream, a
// few microseconds a call against its 1.3-1.6 ms of CPU.
const providerFetch = globalThis.fetch;
globalThis.fetch = async (...args) => {
  const response = await providerFetch(...args);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
};
await import('./node_modules/@portkey-ai/gateway/build/start-server.js');
