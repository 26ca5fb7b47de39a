/**
 * @module llm/testing/fake-openai-server
 * A local OpenAI-compatible server on 127.0.0.1 for tests: chat completions (json_schema, json_object,
 * plain text; SSE streaming) and embeddings (float or base64), with scripted replies, vectors and
 * faults, and switches for what some compatible servers lack or do differently (stream_options,
 * delta.role, the output cap's name, reasoning_effort, ignoring encoding_format).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeEmbedding } from './fake-embedding.js';

export type FakeReply =
  | { content: string; finishReason?: 'stop' | 'length' }
  | { status: number; message?: string; headers?: Record<string, string> }
  | { hang: true }
  | { drop: true };

/** A fault, or vectors sent as they are (a reply with content is ignored: embeddings are computed). */
export type FakeEmbeddingReply = FakeReply | { vectors: number[][] };

export interface FakeOpenAiOptions {
  /** Accepts response_format json_schema (default true). */
  jsonSchema?: boolean;
  /** Accepts response_format json_object (default true). */
  jsonObject?: boolean;
  /** Accepts stream: true (default true). */
  streaming?: boolean;
  /** Accepts stream_options (default true; older Azure API versions refuse it). */
  streamOptions?: boolean;
  /** Sends `role` in the first streamed delta (default true; llama.cpp thinking models omit it). */
  streamRole?: boolean;
  /** The only output cap accepted; the other is refused as OpenAI refuses it (default: both). */
  tokenParam?: 'max_tokens' | 'max_completion_tokens';
  /** Accepts reasoning_effort (default true). */
  reasoningEffort?: boolean;
  dimensions?: number;
  /** Sends embeddings in this format whatever was asked for, as Ollama and LM Studio do (floats). */
  embeddingFormat?: 'float' | 'base64';
}

export interface RecordedRequest {
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: a test inspects whatever the client sent.
  body: any;
}

export interface FakeOpenAiServer {
  /** http://127.0.0.1:PORT/v1 */
  baseURL: string;
  requests: RecordedRequest[];
  chatRequests(): RecordedRequest[];
  /** Replies to the next chat completions, in order; then `onChat`'s, else an empty answer. */
  queueChat(...replies: FakeReply[]): void;
  onChat(handler: (request: RecordedRequest) => FakeReply): void;
  /** Faults or scripted vectors for the next embedding calls. */
  queueEmbeddings(...replies: FakeEmbeddingReply[]): void;
  close(): Promise<void>;
}

/** A chat reply holding `value` as JSON. */
export function jsonReply(value: unknown): FakeReply {
  return { content: JSON.stringify(value) };
}

export async function startFakeOpenAiServer(options: FakeOpenAiOptions = {}): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const chatQueue: FakeReply[] = [];
  const embeddingQueue: FakeEmbeddingReply[] = [];
  let chatHandler: (request: RecordedRequest) => FakeReply = () =>
    jsonReply({ sentences: [], disagreement: false, cannot_answer: true });

  const server = createServer(async (req, res) => {
    const body = await readJson(req);
    const recorded = { path: req.url ?? '', body };
    requests.push(recorded);
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      const format = body.response_format?.type;
      if (format === 'json_schema' && options.jsonSchema === false) {
        return fail(res, 400, "response_format type 'json_schema' is not supported by this server");
      }
      if (format === 'json_object' && options.jsonObject === false) {
        return fail(res, 400, "response_format type 'json_object' is not supported by this server");
      }
      if (body.stream === true && options.streaming === false) {
        return fail(res, 400, 'stream=true is not supported by this server');
      }
      if (body.stream_options !== undefined && options.streamOptions === false) {
        return fail(res, 400, 'Unrecognized request argument supplied: stream_options');
      }
      const wrongCap = options.tokenParam === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
      if (options.tokenParam && body[wrongCap] !== undefined) {
        return fail(
          res,
          400,
          `Unsupported parameter: '${wrongCap}' is not supported with this model. Use '${options.tokenParam}' instead.`,
        );
      }
      if (body.reasoning_effort !== undefined && options.reasoningEffort === false) {
        return fail(res, 400, 'Unrecognized request argument supplied: reasoning_effort');
      }
      const reply = chatQueue.shift() ?? chatHandler(recorded);
      return sendChat(res, reply, body, options.streamRole !== false);
    }
    if (req.method === 'POST' && req.url === '/v1/embeddings') {
      const scripted = embeddingQueue.shift();
      if (scripted && !('content' in scripted) && !('vectors' in scripted)) return sendFault(res, scripted);
      const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
      const format = options.embeddingFormat ?? body.encoding_format;
      const data = inputs.map((text, index) => {
        const vector =
          scripted && 'vectors' in scripted
            ? (scripted.vectors[index] ?? [])
            : fakeEmbedding(text, options.dimensions ?? 64);
        const embedding =
          format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
        return { object: 'embedding', index, embedding };
      });
      const tokens = inputs.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
      return sendJson(res, 200, {
        object: 'list',
        data,
        model: body.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      });
    }
    fail(res, 404, `Unknown endpoint ${req.method} ${req.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions'),
    queueChat: (...replies) => void chatQueue.push(...replies),
    onChat: (handler) => {
      chatHandler = handler;
    },
    queueEmbeddings: (...replies) => void embeddingQueue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: request bodies are whatever the client sent.
async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

function fail(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  sendJson(
    res,
    status,
    { error: { message, type: 'invalid_request_error', param: null, code: null } },
    headers,
  );
}

function sendFault(res: ServerResponse, reply: Exclude<FakeReply, { content: string }>) {
  if ('hang' in reply) return; // the response never comes; close() ends the connection
  if ('drop' in reply) return void res.socket?.destroy();
  fail(res, reply.status, reply.message ?? `fault ${reply.status}`, reply.headers ?? {});
}

// biome-ignore lint/suspicious/noExplicitAny: see readJson.
function sendChat(res: ServerResponse, reply: FakeReply, body: any, streamRole: boolean) {
  if (!('content' in reply)) return sendFault(res, reply);
  const promptChars = JSON.stringify(body.messages ?? []).length;
  const usage = {
    prompt_tokens: Math.ceil(promptChars / 4),
    completion_tokens: Math.ceil(reply.content.length / 4),
    total_tokens: Math.ceil(promptChars / 4) + Math.ceil(reply.content.length / 4),
  };
  const base = { id: 'chatcmpl-fake', created: 1_700_000_000, model: body.model };
  const finish_reason = reply.finishReason ?? 'stop';
  if (body.stream !== true) {
    return sendJson(res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [
        { index: 0, message: { role: 'assistant', content: reply.content, refusal: null }, finish_reason },
      ],
      usage,
    });
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (chunk: unknown) => res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  const piece = (delta: object, finish: string | null) => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  send(piece(streamRole ? { role: 'assistant', content: '' } : { content: '' }, null));
  for (let i = 0; i < reply.content.length; i += 16)
    send(piece({ content: reply.content.slice(i, i + 16) }, null));
  send(piece({}, finish_reason));
  if (body.stream_options?.include_usage)
    send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
  res.end('data: [DONE]\n\n');
}
