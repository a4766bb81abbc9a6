// Entry point: serves the HTTP API and runs the background workers and Kafka consumers until SIGTERM.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { runAuditExporter } from './audit';
import { startCacheInvalidationListener } from './cache';
import { startLoyaltyConsumer, startWarehouseSyncConsumer } from './consumers';
import { followStockChanges, startOrderCounter } from './dashboard';
import { routes, type Handler, type HttpRequest, type HttpResponse } from './http/handlers';
import { disconnectProducer } from './kafka';
import { ValidationError } from './order-service';
import { startPresenceListener } from './presence';
import { redis } from './redis';
import { runEmailWorker } from './workers/email-worker';
import { runFulfillmentWorker } from './workers/fulfillment-worker';
import { runInvoiceWorker } from './workers/invoice-worker';

function matchRoute(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
  const actual = path.split('/');
  for (const route of routes) {
    const expected = route.path.split('/');
    if (route.method !== method || expected.length !== actual.length) continue;
    const params: Record<string, string> = {};
    const matches = expected.every((segment, i) => {
      if (!segment.startsWith(':')) return segment === actual[i];
      params[segment.slice(1)] = decodeURIComponent(actual[i]);
      return true;
    });
    if (matches) return { handler: route.handler, params };
  }
  return undefined;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
}

function wrapResponse(res: ServerResponse): HttpResponse {
  const wrapped: HttpResponse = {
    status(code) {
      res.statusCode = code;
      return wrapped;
    },
    json(body) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    },
    end() {
      res.end();
    },
  };
  return wrapped;
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const response = wrapResponse(res);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const route = matchRoute(method, url.pathname);
  if (!route) {
    response.status(404).json({ error: 'not found' });
    return;
  }
  try {
    const userId = req.headers['x-user-id'];
    const request: HttpRequest = {
      method,
      path: url.pathname,
      params: route.params,
      body: await readJson(req),
      userId: typeof userId === 'string' ? userId : undefined,
    };
    await route.handler(request, response);
  } catch (err) {
    if (err instanceof ValidationError) {
      response.status(422).json({ errors: err.problems });
    } else {
      console.error(`${method} ${url.pathname} failed`, err);
      response.status(500).json({ error: 'internal error' });
    }
  }
}

async function main(): Promise<void> {
  const shutdown = new AbortController();
  const consumerName = `${hostname()}-${process.pid}`;

  await Promise.all([startCacheInvalidationListener(), startPresenceListener(), startOrderCounter()]);
  const consumers = await Promise.all([startLoyaltyConsumer(), startWarehouseSyncConsumer()]);
  const workers = [
    runFulfillmentWorker(consumerName, shutdown.signal),
    runEmailWorker(shutdown.signal),
    runInvoiceWorker(shutdown.signal),
    runAuditExporter(consumerName, shutdown.signal),
    followStockChanges(shutdown.signal),
  ].map((worker) =>
    worker.catch((err: unknown) => {
      console.error('background worker stopped', err);
      process.exitCode = 1;
      shutdown.abort();
    }),
  );

  const server = createServer((req, res) => {
    void serve(req, res);
  });
  const port = Number(process.env.PORT ?? 3000);
  server.listen(port, () => console.log(`shop API listening on :${port}`));

  process.once('SIGTERM', () => {
    shutdown.abort();
    server.close();
    void Promise.allSettled([...workers, ...consumers.map((consumer) => consumer.disconnect())])
      .then(() => Promise.allSettled([disconnectProducer(), redis.quit()]))
      .then(() => process.exit());
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
