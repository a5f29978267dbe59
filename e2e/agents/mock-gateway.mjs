// A stand-in gateway on loopback that records every request a coding agent sends (method, path, headers, body) to
// CAPTURE_DIR and answers just enough for the agent to finish one turn: a Responses API event stream for Codex,
// an Anthropic message (or its event stream) for Claude Code; and, standing in for the providers behind Switchboard,
// a chat completion (streamed or not).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.CAPTURE_DIR;
const port = Number(process.env.PORT || 18080);
fs.mkdirSync(dir, { recursive: true });
let n = 0;

function responsesStream(res, body) {
  const id = 'resp_mock0001';
  const base = { id, object: 'response', created_at: 1767225600, status: 'in_progress', model: body.model, output: [], usage: null };
  const item = { id: 'msg_mock0001', type: 'message', status: 'completed', role: 'assistant',
    content: [{ type: 'output_text', text: 'Hello.', annotations: [] }] };
  const events = [
    ['response.created', { type: 'response.created', sequence_number: 0, response: base }],
    ['response.output_item.added', { type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: { ...item, status: 'in_progress', content: [] } }],
    ['response.output_text.delta', { type: 'response.output_text.delta', sequence_number: 2, item_id: item.id, output_index: 0, content_index: 0, delta: 'Hello.' }],
    ['response.output_item.done', { type: 'response.output_item.done', sequence_number: 3, output_index: 0, item }],
    ['response.completed', { type: 'response.completed', sequence_number: 4, response: { ...base, status: 'completed', output: [item],
      usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 2, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 12 } } }],
  ];
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const [e, d] of events) res.write(`event: ${e}\ndata: ${JSON.stringify(d)}\n\n`);
  res.end();
}

function anthropic(res, body) {
  const message = { id: 'msg_mock0001', type: 'message', role: 'assistant', model: body.model, content: [{ type: 'text', text: 'Hello.' }],
    stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } };
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(message));
    return;
  }
  const events = [
    ['message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } } }],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello.' } }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } }],
    ['message_stop', { type: 'message_stop' }],
  ];
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const [e, d] of events) res.write(`event: ${e}\ndata: ${JSON.stringify(d)}\n\n`);
  res.end();
}

function chat(res, body) {
  const chunk = (delta, finish) => ({ id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 1767225600, model: body.model,
    choices: [{ index: 0, delta, finish_reason: finish }] });
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ id: 'chatcmpl-mock', object: 'chat.completion', created: 1767225600, model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 } }));
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const c of [chunk({ role: 'assistant', content: '' }, null), chunk({ content: 'Hello.' }, null), chunk({}, 'stop')]) {
    res.write(`data: ${JSON.stringify(c)}\n\n`);
  }
  res.write(`data: ${JSON.stringify({ id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 1767225600, model: body.model, choices: [],
    usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 } })}\n\n`);
  res.end('data: [DONE]\n\n');
}

http.createServer((req, res) => {
  let chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    let body = null;
    try { body = raw ? JSON.parse(raw) : null; } catch { body = raw; }
    const headers = { ...req.headers };
    for (const h of ['authorization', 'x-api-key']) if (headers[h]) headers[h] = '<redacted>';
    const file = path.join(dir, String(++n).padStart(3, '0') + '-' + req.method + req.url.split('?')[0].replaceAll('/', '_') + '.json');
    fs.writeFileSync(file, JSON.stringify({ method: req.method, path: req.url, headers, body }, null, 2));
    const p = req.url.split('?')[0];
    if (req.method === 'POST' && p.endsWith('/responses')) return responsesStream(res, body);
    if (req.method === 'POST' && p.endsWith('/chat/completions')) return chat(res, body);
    if (req.method === 'POST' && p.endsWith('/messages/count_tokens')) { res.writeHead(200, { 'content-type': 'application/json' }); return res.end('{"input_tokens":10}'); }
    if (req.method === 'POST' && p.endsWith('/messages')) return anthropic(res, body);
    if (p.endsWith('/models')) { res.writeHead(200, { 'content-type': 'application/json' }); return res.end('{"object":"list","data":[]}'); }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"not mocked","type":"invalid_request_error"}}');
  });
}).listen(port, '127.0.0.1');
