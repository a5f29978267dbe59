// Tool calling with the official OpenAI SDK. Env: GATEWAY, KEY, MODEL. The upstream mock answers with a call to
// get_weather({"location":"Paris"}). Prints one JSON line per step, like openai-check.mjs.
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: `${process.env.GATEWAY}/v1`, apiKey: process.env.KEY, maxRetries: 0 });
const model = process.env.MODEL;
const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Current weather in a city',
  parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } } }];
const question = { role: 'user', content: 'What is the weather in Paris?' };

async function step(name, fn) {
  try {
    console.log(JSON.stringify({ step: name, ok: true, ...(await fn()) }));
  } catch (e) {
    console.log(JSON.stringify({ step: name, ok: false, error: `${e.constructor.name}: ${e.message}` }));
  }
}
const call = (message, finish) => ({ finish, calls: (message.tool_calls ?? []).map((c) => ({ id: c.id, type: c.type, name: c.function.name, args: JSON.parse(c.function.arguments) })) });

let first;
await step('tool call', async () => {
  const r = await client.chat.completions.create({ model, messages: [question], tools, tool_choice: 'auto' });
  first = r.choices[0].message;
  return call(first, r.choices[0].finish_reason);
});
await step('tool call streamed', async () => {
  const final = await client.chat.completions.stream({ model, messages: [question], tools }).finalChatCompletion();
  return call(final.choices[0].message, final.choices[0].finish_reason);
});
await step('tool result turn', async () => {
  const messages = [question, first, { role: 'tool', tool_call_id: first.tool_calls[0].id, content: '{"temperature_c":21}' }];
  const r = await client.chat.completions.create({ model, messages, tools });
  return { finish: r.choices[0].finish_reason };
});
