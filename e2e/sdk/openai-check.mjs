// The official OpenAI SDK against Switchboard. Env: GATEWAY (root URL), KEY (a Switchboard key), MODEL.
// Prints one JSON line per step: {"step", "ok", ...}; an SDK exception where none is expected is a failed step.
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: `${process.env.GATEWAY}/v1`, apiKey: process.env.KEY, maxRetries: 0 });
const model = process.env.MODEL;
const messages = [{ role: 'user', content: 'Say hello' }];

async function step(name, fn) {
  try {
    console.log(JSON.stringify({ step: name, ok: true, ...(await fn()) }));
  } catch (e) {
    console.log(JSON.stringify({ step: name, ok: false, error: `${e.constructor.name}: ${e.message}` }));
  }
}

await step('models.list', async () => {
  const page = await client.models.list();
  return { ids: page.data.map((m) => m.id), objects: [...new Set(page.data.map((m) => m.object))] };
});
await step('models.retrieve', async () => ({ id: (await client.models.retrieve(model)).id }));
await step('chat.completions.create', async () => {
  const r = await client.chat.completions.create({ model, messages });
  return { text: r.choices[0].message.content, finish: r.choices[0].finish_reason, usage: r.usage, object: r.object };
});
await step('stream with usage', async () => {
  const stream = await client.chat.completions.create({ model, messages, stream: true, stream_options: { include_usage: true } });
  let text = ''; let usage = null; let chunks = 0;
  for await (const c of stream) { chunks++; text += c.choices[0]?.delta?.content ?? ''; if (c.usage) usage = c.usage; }
  return { text, usage, chunks };
});
await step('stream without usage', async () => {
  const stream = await client.chat.completions.create({ model, messages, stream: true });
  let usageOnly = 0; let text = '';
  for await (const c of stream) { if (c.choices.length === 0) usageOnly++; text += c.choices[0]?.delta?.content ?? ''; }
  return { text, usageOnly };
});
await step('chat.completions.stream helper', async () => {
  const runner = client.chat.completions.stream({ model, messages });
  const final = await runner.finalChatCompletion();
  return { text: final.choices[0].message.content, finish: final.choices[0].finish_reason };
});
await step('unknown model', async () => {
  try {
    await client.chat.completions.create({ model: 'no-such-model', messages });
    return { error: null };
  } catch (e) {
    return { error: e.constructor.name, status: e.status, code: e.code ?? null };
  }
});
await step('bad key', async () => {
  const bad = new OpenAI({ baseURL: `${process.env.GATEWAY}/v1`, apiKey: 'sk-sb-not-a-key-0000000000000000', maxRetries: 0 });
  try {
    await bad.chat.completions.create({ model, messages });
    return { error: null };
  } catch (e) {
    return { error: e.constructor.name, status: e.status };
  }
});
