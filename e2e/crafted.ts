import type { Page, Request } from '@playwright/test';

/**
 * Rewrites the next server-action POST the page sends: a crafted request carrying the page's
 * real action id and session, as an attacker with the operator's browser could send it.
 */
export async function craftNextAction(
  page: Page,
  rewrite: (body: string, request: Request) => { body?: string; headers?: Record<string, string> },
) {
  let done = false;
  await page.route('**/users/**', async (route, request) => {
    if (done || request.method() !== 'POST' || !request.headers()['next-action']) return route.continue();
    done = true;
    const changed = rewrite(request.postData() ?? '', request);
    await route.continue({ postData: changed.body, headers: changed.headers ? { ...request.headers(), ...changed.headers } : undefined });
  });
}

/** Replaces one multipart field's value in a server action's form body. */
export function setField(body: string, name: string, value: string): string {
  const pattern = new RegExp(`(name="(?:_\\d+_)?${name}"\\r\\n\\r\\n)[^\\r]*`);
  if (!pattern.test(body)) throw new Error(`field ${name} not in the action body`);
  return body.replace(pattern, (_m, head: string) => `${head}${value}`);
}
