// Fallbacks through the official SDKs. Env: GATEWAY, KEY, MODEL (fails first), FALLBACK (serves), DIALECT (openai|anthropic).
// Switchboard's own `fallbacks` goes in the request body as an extra field, which both SDKs send as given.
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

const { MODEL: model, FALLBACK: fallback, DIALECT: dialect } = process.env;
const fallbacks = [fallback];

async function step(name, fn) {
  try {
    console.log(JSON.stringify({ step: name, ok: true, ...(await fn()) }));
  } catch (e) {
    console.log(JSON.stringify({ step: name, ok: false, error: `${e.constructor.name}: ${e.message}` }));
  }
}

if (dialect === 'openai') {
  const client = new OpenAI({ baseURL: `${process.env.GATEWAY}/v1`, apiKey: process.env.KEY, maxRetries: 0 });
  const messages = [{ role: 'user', content: 'Say hello' }];
  await step('create', async () => {
    const { data, response } = await client.chat.completions.create({ model, messages, fallbacks }).withResponse();
    return { text: data.choices[0].message.content, served: response.headers.get('x-switchboard-model'),
             attempts: response.headers.get('x-switchboard-attempts') };
  });
  await step('stream', async () => {
    const { data: stream, response } = await client.chat.completions.create({ model, messages, fallbacks, stream: true }).withResponse();
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    return { text, served: response.headers.get('x-switchboard-model') };
  });
} else {
  const client = new Anthropic({ baseURL: process.env.GATEWAY, apiKey: process.env.KEY, maxRetries: 0 });
  const messages = [{ role: 'user', content: 'Say hello' }];
  await step('create', async () => {
    const { data, response } = await client.messages.create({ model, max_tokens: 64, messages, fallbacks }).withResponse();
    return { text: data.content[0].text, model: data.model, served: response.headers.get('x-switchboard-model'),
             attempts: response.headers.get('x-switchboard-attempts') };
  });
  await step('stream', async () => {
    const stream = client.messages.stream({ model, max_tokens: 64, messages, fallbacks });
    const final = await stream.finalMessage();
    return { text: final.content[0].text, model: final.model };
  });
}
