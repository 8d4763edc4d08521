import { expect, test } from '@playwright/test';

test('the placeholder home page renders and the health check answers without secrets', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'WorkMail Reset Portal' })).toBeVisible();

  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
});
