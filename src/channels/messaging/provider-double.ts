import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A stand-in for a provider's REST API, on a real loopback port: it records every request and
 * answers from a script (the next scripted answer, else 200 with a fresh message id).
 */
export interface ProviderDouble {
  url: string;
  requests: RecordedRequest[];
  answerNext(...answers: { status: number; body: unknown }[]): void;
  close(): Promise<void>;
}

export async function startProviderDouble(okBody: (n: number) => unknown): Promise<ProviderDouble> {
  const requests: RecordedRequest[] = [];
  const script: { status: number; body: unknown }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = script.shift() ?? { status: 200, body: okBody(requests.length) };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answerNext: (...answers) => void script.push(...answers),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
