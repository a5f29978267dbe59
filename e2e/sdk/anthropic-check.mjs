// The official Anthropic SDK against Switchboard's /v1/messages. Env: GATEWAY (root URL), KEY, MODEL.
// Prints one JSON line per step: {"step", "ok", ...}; an SDK exception where none is expected is a failed step.
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic({ baseURL: process.env.GATEWAY, apiKey: process.env.KEY, maxRetries: 0 });
const model = process.env.MODEL;
const request = { model, max_tokens: 256, system: 'Be brief.', messages: [{ role: 'user', content: 'Say hello' }] };

async function step(name, fn) {
  try {
    console.log(JSON.stringify({ step: name, ok: true, ...(await fn()) }));
  } catch (e) {
    console.log(JSON.stringify({ step: name, ok: false, error: `${e.constructor.name}: ${e.message}` }));
  }
}

await step('models.list', async () => {
  const ids = [];
  for await (const m of client.models.list({ limit: 5 })) ids.push(m.id); // pages through has_more / last_id
  const one = await client.models.retrieve(model);
  return { ids, type: one.type, id: one.id, display_name: one.display_name };
});
await step('messages.create', async () => {
  const m = await client.messages.create(request);
  return { text: m.content.filter((b) => b.type === 'text').map((b) => b.text).join(''), stop: m.stop_reason, usage: m.usage, type: m.type };
});
await step('messages.stream', async () => {
  let deltas = 0;
  const stream = client.messages.stream(request).on('text', () => deltas++);
  const final = await stream.finalMessage();
  return { text: final.content.filter((b) => b.type === 'text').map((b) => b.text).join(''), stop: final.stop_reason, usage: final.usage, deltas };
});
await step('raw stream events', async () => {
  const stream = await client.messages.create({ ...request, stream: true });
  const types = [];
  for await (const e of stream) types.push(e.type);
  return { types };
});
await step('messages.countTokens', async () => {
  const r = await client.messages.countTokens({ model, system: request.system, messages: request.messages });
  return { input_tokens: r.input_tokens };
});
await step('unknown model', async () => {
  try {
    await client.messages.create({ ...request, model: 'no-such-model' });
    return { error: null };
  } catch (e) {
    return { error: e.constructor.name, status: e.status, type: e.error?.error?.type ?? null };
  }
});
await step('bad key', async () => {
  const bad = new Anthropic({ baseURL: process.env.GATEWAY, apiKey: 'sk-sb-not-a-key-0000000000000000', maxRetries: 0 });
  try {
    await bad.messages.create(request);
    return { error: null };
  } catch (e) {
    return { error: e.constructor.name, status: e.status };
  }
});
