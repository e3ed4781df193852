import { test, expect } from './fixtures';

// JavaScript only (the "nojs" project ignores *.jsonly.spec.ts): the browser's location and pan and zoom are islands.
// Without JavaScript the picker is the way, and map.spec.ts checks that no dead button shows.

// Where the two answers differ: the village committee nearest in a straight line is 山脚社区, but along the roads
// this spot is two minutes from 回辉社区's station. "My zone" follows the roads (issue 13, item 1).
const BETWEEN = { latitude: 25.2855, longitude: 103.006 };

test.describe('my zone from the browser location', () => {
  test('a shared location finds its zone along the roads, and keeps the coordinate out of the URL', async ({ page, context, expectAccessible }) => {
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation(BETWEEN);
    await page.goto('/map');
    await page.getByRole('button', { name: '用我的位置查找' }).click();
    await expect(page).toHaveURL(/\/map\?located=1#my-zone$/);
    expect(page.url()).not.toContain('25.28');
    const verdict = page.getByRole('status');
    await expect(verdict).toContainText('按您的位置（由路网计算）');
    await expect(verdict).toContainText('您的位置（嵩阳街道）在回辉社区便民服务站的15分钟政务圈内');
    await expect(verdict).not.toContainText('山脚社区');
    await expect(page.locator('.zone-map svg')).toHaveAttribute('aria-label', /已标出您的位置/);
    await expectAccessible();
  });

  test('a refused location says so and falls back to the picker', async ({ page, context }) => {
    await context.clearPermissions();
    await page.goto('/map');
    await page.getByRole('button', { name: '用我的位置查找' }).click();
    await expect(page.getByText('您没有允许获取位置。请在下面选择您所在的村（社区）。')).toBeVisible();
    await expect(page.getByLabel('所在村（社区）')).toBeFocused();
    await page.getByLabel('所在村（社区）').selectOption({ label: '李官村' });
    await page.getByRole('button', { name: '查看' }).click();
    await expect(page.getByRole('status')).toContainText('李官村（小街镇）');
  });

  test('a location outside the county says so', async ({ page, context }) => {
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: 39.9042, longitude: 116.4074 });
    await page.goto('/map');
    await page.getByRole('button', { name: '用我的位置查找' }).click();
    await expect(page.getByRole('status')).toHaveText('您的位置不在嵩明县内。请在下面选择您所在的村（社区）。');
  });

  test('the map zooms and pans, and returns to the whole county', async ({ page }) => {
    // The islands hydrate under the page's Content-Security-Policy: scripts by nonce only, and no violation.
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    const res = await page.goto('/map');
    expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+' 'wasm-unsafe-eval'/);
    const svg = page.locator('.zone-map svg');
    const whole = await svg.getAttribute('viewBox');
    await page.getByRole('button', { name: '放大' }).click();
    await expect(svg).not.toHaveAttribute('viewBox', whole!);
    const zoomed = (await svg.getAttribute('viewBox'))!.split(' ').map(Number);
    expect(zoomed[2]).toBeCloseTo(Number(whole!.split(' ')[2]) / 1.5, 0);
    // Drag to the right: the view moves west (x decreases).
    const box = (await svg.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    const panned = (await svg.getAttribute('viewBox'))!.split(' ').map(Number);
    expect(panned[0]).toBeLessThan(zoomed[0]);
    await page.getByRole('button', { name: '看全县' }).click();
    await expect.poll(async () => (await svg.getAttribute('viewBox'))!.split(' ').map(Number)).toEqual(whole!.split(' ').map(Number));
    expect(violations).toEqual([]);
  });
});
