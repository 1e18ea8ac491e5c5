// A small Flyte Admin REST client: the HTTP routes of flyteidl's admin service
// (service/admin.proto): ListNodeExecutions `GET /api/v1/node_executions/{project}/{domain}/{name}`
// and ListExecutions `GET /api/v1/executions/{project}/{domain}`, both paged by `token`.

export interface AdminOptions {
  endpoint: string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** Page size (default 100). */
  limit?: number;
  /** Sent as `Authorization` when set, e.g. "Bearer …". */
  authorization?: string;
  fetch?: typeof fetch;
}

export class AdminError extends Error {}

export class AdminClient {
  private readonly base: string;

  constructor(private readonly options: AdminOptions) {
    let url: URL;
    try {
      url = new URL(options.endpoint);
    } catch {
      throw new AdminError(`--endpoint must be an http(s) URL such as http://localhost:30080 (got "${options.endpoint}")`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AdminError(`--endpoint must be http or https (got ${url.protocol})`);
    this.base = url.toString().replace(/\/+$/, '');
  }

  /** Every node execution of one workflow execution, all pages. */
  async nodeExecutions(project: string, domain: string, name: string): Promise<unknown[]> {
    return this.allPages(`/api/v1/node_executions/${enc(project)}/${enc(domain)}/${enc(name)}`, 'node_executions');
  }

  /** Names of the executions in a project and domain, newest first, at most `max`. */
  async executionNames(project: string, domain: string, max: number): Promise<string[]> {
    const executions = await this.allPages(`/api/v1/executions/${enc(project)}/${enc(domain)}`, 'executions', max, { 'sort_by.key': 'created_at', 'sort_by.direction': 'DESCENDING' });
    return executions.map((e) => pick(pick(e, 'id'), 'name')).filter((n): n is string => typeof n === 'string' && n !== '');
  }

  private async allPages(path: string, listField: string, max = Infinity, query: Record<string, string> = {}): Promise<unknown[]> {
    const items: unknown[] = [];
    let token = '';
    const seen = new Set<string>();
    for (;;) {
      const params = new URLSearchParams({ ...query, limit: String(this.options.limit ?? 100) });
      if (token) params.set('token', token);
      const page = await this.get(`${path}?${params.toString()}`);
      const list = pick(page, listField) ?? pick(page, listField.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
      if (Array.isArray(list)) items.push(...list);
      token = String(pick(page, 'token') ?? '');
      if (!token || items.length >= max) return items.slice(0, max);
      if (seen.has(token)) throw new AdminError(`${this.base}${path}: the server returned the page token "${token}" twice`);
      seen.add(token);
    }
  }

  private async get(path: string): Promise<unknown> {
    const url = `${this.base}${path}`;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.authorization) headers['authorization'] = this.options.authorization;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const e = error as Error & { cause?: { message?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new AdminError(`GET ${url} timed out after ${timeoutMs} ms`);
      throw new AdminError(`GET ${url} failed: ${e.cause?.message ?? e.message}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const e = error as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new AdminError(`GET ${url} timed out after ${timeoutMs} ms`);
      throw new AdminError(`GET ${url} failed while reading the body: ${e.message}`);
    }
    if (!response.ok) {
      const message = errorMessage(text);
      throw new AdminError(`GET ${url} returned HTTP ${response.status}${message ? `: ${message}` : ''}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new AdminError(`GET ${url} did not return JSON`);
    }
  }
}

function enc(part: string): string {
  return encodeURIComponent(part);
}

function pick(o: unknown, key: string): unknown {
  return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
}

/** grpc-gateway error bodies are `{"code": n, "message": "..."}`. */
function errorMessage(text: string): string {
  try {
    const message = pick(JSON.parse(text), 'message');
    if (typeof message === 'string') return message;
  } catch {
    // not JSON
  }
  return text.trim().slice(0, 200);
}
