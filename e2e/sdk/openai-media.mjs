// Embeddings and images with the official OpenAI SDK. Env: GATEWAY, KEY, EMBEDDING_MODEL, IMAGE_MODEL.
// Prints one JSON line per step, like openai-check.mjs.
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: `${process.env.GATEWAY}/v1`, apiKey: process.env.KEY, maxRetries: 0 });

async function step(name, fn) {
  try {
    console.log(JSON.stringify({ step: name, ok: true, ...(await fn()) }));
  } catch (e) {
    console.log(JSON.stringify({ step: name, ok: false, error: `${e.constructor.name}: ${e.message}` }));
  }
}

await step('embeddings.create', async () => {
  // the SDK asks for base64 by default and decodes it into floats itself
  const r = await client.embeddings.create({ model: process.env.EMBEDDING_MODEL, input: ['first text', 'second text'] });
  return { count: r.data.length, dims: r.data.map((d) => d.embedding.length), first: r.data[0].embedding[0], usage: r.usage, object: r.object };
});
await step('embeddings.create float', async () => {
  const r = await client.embeddings.create({ model: process.env.EMBEDDING_MODEL, input: 'one text', encoding_format: 'float' });
  return { count: r.data.length, dims: r.data[0].embedding.length, first: r.data[0].embedding[0] };
});
await step('images.generate', async () => {
  const r = await client.images.generate({ model: process.env.IMAGE_MODEL, prompt: 'a lighthouse', n: 1, size: '1024x1024' });
  return { count: r.data.length, hasImage: Boolean(r.data[0].url || r.data[0].b64_json) };
});
