/** What one send through a provider's REST API came to; failures are sorted by what to do next. */
export type SendResult = { ok: true; providerMessageId: string } | { ok: false; temporary: boolean; error: string };

export interface OutboundMessage {
  to: string;
  text: string;
  template: { name: string; language: string; variables: string[] } | null;
}

/**
 * Calls a provider and sorts the answer: a 2xx is sent; 429, 5xx and network trouble are
 * temporary (retried by the job queue); any other 4xx is permanent for this message, with the
 * provider's words kept so the agent sees why.
 */
export async function callProvider(
  url: string,
  init: RequestInit,
  idOf: (body: any) => string | undefined,
): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    return { ok: false, temporary: true, error: `could not reach the provider: ${(error as Error).message}` };
  }
  const text = await response.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the error
  }
  if (response.ok) {
    const id = idOf(body);
    return id ? { ok: true, providerMessageId: id } : { ok: false, temporary: false, error: `the provider accepted the message but returned no id: ${text.slice(0, 300)}` };
  }
  const detail = body?.message ?? body?.error?.message ?? text.slice(0, 300);
  const temporary = response.status === 429 || response.status >= 500;
  const credentials = response.status === 401 || response.status === 403 ? ' (check the channel credentials)' : '';
  return { ok: false, temporary, error: `provider answered ${response.status}: ${detail}${credentials}` };
}
