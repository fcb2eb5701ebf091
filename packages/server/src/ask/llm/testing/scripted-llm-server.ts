/**
 * A small real HTTP server that speaks the OpenAI chat-completions or the Anthropic Messages protocol
 * and answers from a script: a function call, plain text, malformed JSON, an HTTP error, or any of
 * these after a delay (for timeouts). It records every request body so tests can assert what left
 * the system (no personal data). Used by the LLM router tests; listens on an ephemeral loopback port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LlmStyle = 'openai' | 'anthropic';

export type ScriptStep =
  /** A call of `name`; `arguments` as an object, or raw text (to send broken JSON arguments). */
  | { kind: 'call'; name: string; arguments: unknown; raw?: boolean }
  | { kind: 'text'; text: string }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  | { kind: 'status'; status: number }
  | { kind: 'slow'; delayMs: number; then: ScriptStep };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface ScriptedLlmServer {
  /** Base URL to configure: `http://127.0.0.1:PORT/v1` (openai) or `http://127.0.0.1:PORT` (anthropic). */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Appends steps; each request consumes one, an empty script answers 500. */
  script(...steps: ScriptStep[]): void;
  close(): Promise<void>;
}

function usage(style: LlmStyle): Record<string, number> {
  return style === 'openai' ? { prompt_tokens: 120, completion_tokens: 30 } : { input_tokens: 120, output_tokens: 30 };
}

function bodyFor(style: LlmStyle, step: Exclude<ScriptStep, { kind: 'slow' | 'malformed' | 'status' }>): unknown {
  if (style === 'openai') {
    const message =
      step.kind === 'text'
        ? { role: 'assistant', content: step.text }
        : {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: {
                  name: step.name,
                  arguments: step.raw ? String(step.arguments) : JSON.stringify(step.arguments),
                },
              },
            ],
          };
    return {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      choices: [{ index: 0, message, finish_reason: step.kind === 'text' ? 'stop' : 'tool_calls' }],
      usage: usage(style),
    };
  }
  const content =
    step.kind === 'text'
      ? [{ type: 'text', text: step.text }]
      : [{ type: 'tool_use', id: 'toolu_1', name: step.name, input: step.arguments }];
  return {
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    content,
    stop_reason: step.kind === 'text' ? 'end_turn' : 'tool_use',
    usage: usage(style),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

export async function startScriptedLlmServer(style: LlmStyle): Promise<ScriptedLlmServer> {
  const queue: ScriptStep[] = [];
  const requests: RecordedRequest[] = [];
  const expectedPath = style === 'openai' ? '/v1/chat/completions' : '/v1/messages';
  const send = async (res: ServerResponse, step: ScriptStep): Promise<void> => {
    switch (step.kind) {
      case 'slow':
        await new Promise((r) => setTimeout(r, step.delayMs));
        if (!res.destroyed) await send(res, step.then);
        return;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [ {"message": ');
        return;
      case 'status':
        res.writeHead(step.status, { 'content-type': 'application/json' }).end('{"error":{"message":"scripted"}}');
        return;
      case 'call':
      case 'text':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(bodyFor(style, step)));
        return;
    }
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || req.url !== expectedPath) {
        res.writeHead(404).end();
        return;
      }
      if (style === 'anthropic' && req.headers['anthropic-version'] === undefined) {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"anthropic-version"}}');
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = await readJson(req);
      } catch {
        res.writeHead(400).end();
        return;
      }
      requests.push({ path: req.url, headers: req.headers, body });
      const step = queue.shift();
      await send(res, step ?? { kind: 'status', status: 500 });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: style === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`,
    requests,
    script: (...steps) => queue.push(...steps),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
