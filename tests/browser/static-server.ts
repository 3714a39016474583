/**
 * A small static server for the browser tests, behaving like the CDN the site is deployed to:
 * files from dist/ with their content types, `/x` redirected to `/x/` when that is a folder, the
 * 404 page with status 404 for anything else, and the headers `dist/_headers` gives each path (so
 * the browser enforces the real Content-Security-Policy, not only the pages' <meta> copies).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { headersForPath, parseHeadersFile } from '../../src/lib/headers-file.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.xsl': 'text/xsl; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Extra pages served as given, at exact paths (a test's control page with live script). */
  extraPages?: Record<string, string>;
}

export async function serveDist(dist: string, { extraPages = {} }: ServeOptions = {}): Promise<StaticServer> {
  const headersFile = path.join(dist, '_headers');
  const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = '/';
    }
    const extra = extraPages[pathname];
    if (extra !== undefined) {
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES['.html']! }).end(extra);
      return;
    }
    let file = path.join(dist, path.normalize(pathname));
    if (!file.startsWith(dist)) file = dist;
    const isDir = existsSync(file) && statSync(file).isDirectory();
    if (isDir && !pathname.endsWith('/')) {
      response.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    if (isDir) file = path.join(file, 'index.html');
    let status = 200;
    if (!existsSync(file) || !statSync(file).isFile() || path.basename(file).startsWith('_')) {
      status = 404;
      file = path.join(dist, '404.html');
    }
    const headers: Record<string, string> = {
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    };
    for (const [name, value] of headersForPath(rules, url.pathname)) headers[name] = value;
    response.writeHead(status, headers);
    response.end(request.method === 'HEAD' ? undefined : readFileSync(file));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
