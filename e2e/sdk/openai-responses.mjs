// The Responses API with the official OpenAI SDK: plain, streamed (raw events and the stream helper), continued by
// previous_response_id, read back, listed, deleted; then a function tool called and its result sent back.
// Env: GATEWAY, KEY, MODEL, PART (text | tools). Prints one JSON line per step, like openai-check.mjs.
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: `${process.env.GATEWAY}/v1`, apiKey: process.env.KEY, maxRetries: 0 });
const model = process.env.MODEL;

async function step(name, fn) {
  try {
    console.log(JSON.stringify({ step: name, ok: true, ...(await fn()) }));
  } catch (e) {
    console.log(JSON.stringify({ step: name, ok: false, error: `${e.constructor.name}: ${e.message}` }));
  }
}

if (process.env.PART === 'text') {
  let first;
  await step('responses.create', async () => {
    first = await client.responses.create({ model, input: 'Say hello', instructions: 'Be brief.' });
    return { id: first.id, object: first.object, status: first.status, text: first.output_text, usage: first.usage };
  });
  await step('responses.create stream', async () => {
    const stream = await client.responses.create({ model, input: 'Say hello', stream: true });
    const types = [];
    const sequence = [];
    let text = '';
    let usage;
    for await (const event of stream) {
      types.push(event.type);
      sequence.push(event.sequence_number);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') usage = event.response.usage;
    }
    return { types, sequence, text, usage };
  });
  await step('responses.stream helper', async () => {
    const final = await client.responses.stream({ model, input: 'Say hello' }).finalResponse();
    return { text: final.output_text, status: final.status };
  });
  await step('previous_response_id', async () => {
    const next = await client.responses.create({ model, input: 'And again?', previous_response_id: first.id });
    return { text: next.output_text, previous: next.previous_response_id };
  });
  await step('responses.retrieve', async () => {
    const read = await client.responses.retrieve(first.id);
    return { id: read.id, text: read.output_text };
  });
  await step('responses.inputItems.list', async () => {
    const page = await client.responses.inputItems.list(first.id);
    return { count: page.data.length, first: page.data[0].content[0].text };
  });
  await step('responses.delete', async () => {
    await client.responses.delete(first.id);
    return {};
  });
  await step('retrieve deleted', async () => {
    try {
      await client.responses.retrieve(first.id);
      return { error: 'none' };
    } catch (e) {
      return { error: e.constructor.name };
    }
  });
} else {
  const tools = [{ type: 'function', name: 'get_weather', description: 'Current weather in a city', strict: false,
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }];
  const question = { role: 'user', content: 'What is the weather in Paris?' };
  const calls = (output) => output.filter((i) => i.type === 'function_call').map((c) => ({ call_id: c.call_id, name: c.name, args: JSON.parse(c.arguments) }));
  let first;
  await step('function call', async () => {
    first = await client.responses.create({ model, input: [question], tools, store: false });
    return { calls: calls(first.output) };
  });
  await step('function call streamed', async () => {
    const final = await client.responses.stream({ model, input: [question], tools }).finalResponse();
    return { calls: calls(final.output) };
  });
  await step('tool result turn', async () => {
    const call = first.output.find((i) => i.type === 'function_call');
    const input = [question, ...first.output, { type: 'function_call_output', call_id: call.call_id, output: '{"temperature_c":21}' }];
    const r = await client.responses.create({ model, input, tools });
    return { status: r.status };
  });
}
