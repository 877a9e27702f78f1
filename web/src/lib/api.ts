const CSRF_KEY = 'tend.csrf';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** The CSRF token comes with sign-in only; it is kept for the tab's later writes and reloads. */
export const csrf = {
  get: () => localStorage.getItem(CSRF_KEY),
  set: (token: string | null) => (token ? localStorage.setItem(CSRF_KEY, token) : localStorage.removeItem(CSRF_KEY)),
};

let onSignedOut: () => void = () => {};
export const whenSignedOut = (handler: () => void) => {
  onSignedOut = handler;
};

type Query = Record<string, string | number | boolean | (string | number)[] | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** `keepalive` lets a small request outlive the page (64 KB at most, all such requests together). */
async function request<T>(method: string, path: string, body?: unknown, options: { keepalive?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf.get() ?? '';
  const res = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body), keepalive: options.keepalive });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
  if (!res.ok) {
    if (res.status === 401 && path !== '/auth/login') onSignedOut();
    const error = data?.error;
    throw new ApiError(res.status, error?.code ?? 'error', error?.message ?? `request failed (${res.status})`, error?.field);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown, options?: { keepalive?: boolean }) => request<T>('PUT', path, body, options),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
