import http, { type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * Serve the renderer from Vite's dev server (PIGEON_RENDERER_URL, `npm run dev`)
 * instead of the built files: the page, its modules and hot updates come from
 * Vite, while the page keeps this server's origin, so its WebSocket and uploads
 * reach Pigeon as usual. The page's own CSP (relaxed by Vite for its inline
 * refresh script) applies; GET and HEAD only.
 */
export function proxyToDevServer(
  devUrl: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const upstream = http.request(
      {
        hostname: devUrl.hostname,
        port: devUrl.port,
        path: req.url ?? '/',
        method: req.method,
        headers: { accept: req.headers.accept ?? '*/*', host: devUrl.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, {
          ...pick(answer.headers, ['content-type', 'content-length', 'etag', 'last-modified']),
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
        });
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end();
  });
}

function pick(headers: http.IncomingHttpHeaders, names: string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}
