// Tool use with the official Anthropic SDK on /v1/messages. Env: GATEWAY, KEY, MODEL. The upstream mock answers
// with a call to get_weather({"location":"Paris"}). Prints one JSON line per step, like anthropic-check.mjs.
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic({ baseURL: process.env.GATEWAY, apiKey: process.env.KEY, maxRetries: 0 });
const model = process.env.MODEL;
const tools = [{ name: 'get_weather', description: 'Current weather in a city',
  input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }];
const question = { role: 'user', content: 'What is the weather in Paris?' };

async function step(name, fn) {
  try {
    console.log(JSON.stringify({ step: name, ok: true, ...(await fn()) }));
  } catch (e) {
    console.log(JSON.stringify({ step: name, ok: false, error: `${e.constructor.name}: ${e.message}` }));
  }
}
const uses = (m) => ({ stop: m.stop_reason, calls: m.content.filter((b) => b.type === 'tool_use').map((b) => ({ id: b.id, name: b.name, args: b.input })) });

let first;
await step('tool use', async () => {
  first = await client.messages.create({ model, max_tokens: 256, tools, messages: [question] });
  return uses(first);
});
await step('tool use streamed', async () => {
  const final = await client.messages.stream({ model, max_tokens: 256, tools, messages: [question] }).finalMessage();
  return uses(final);
});
await step('tool result turn', async () => {
  const use = first.content.find((b) => b.type === 'tool_use');
  const messages = [question, { role: 'assistant', content: first.content },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '21 degrees' }] }];
  const r = await client.messages.create({ model, max_tokens: 256, tools, messages });
  return { stop: r.stop_reason };
});
