import { test, expect } from './fixtures';

// A Tuesday lunchtime: village stations and town centres are closed for lunch; the county hall serves through it.
const TUESDAY_LUNCH = '2026-11-24T12:30:00+08:00';

test('pick a village, see its zone and the nearest open point, open it, follow an item to the guide', async ({ page, setClock, expectAccessible }) => {
  await setClock(TUESDAY_LUNCH);
  await page.goto('/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '服务网点' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('15分钟政务圈');
  await expectAccessible();

  await page.getByLabel('所在村（社区）').selectOption({ label: '嵩阳社区' });
  await page.getByRole('button', { name: '查看' }).click();
  const verdict = page.getByRole('status');
  await expect(verdict).toContainText('嵩阳社区（嵩阳街道）在嵩阳社区便民服务站的15分钟政务圈内');
  // The station is at lunch: the page names the nearest point open now (the county hall serves through lunch).
  await expect(verdict).toContainText('现在开门的最近网点：嵩明县政务服务中心');
  await expect(page.getByLabel('所在村（社区）')).toHaveValue('530127001001');
  const lines = page.locator('.place-list__item');
  await expect(lines).toHaveCount(5);
  await expect(lines.first()).toContainText('午休');
  // Travel times are in order.
  const minutes = (await lines.locator('.place-list__kind').allTextContents()).map((t) => (t.includes('不到1分钟') ? 0 : Number(t.match(/约(\d+)分钟/)![1])));
  expect([...minutes].sort((a, b) => a - b)).toEqual(minutes);
  // Each line can be called, navigated to in a map app, and shows what can be done there.
  await expect(lines.first().getByRole('link', { name: '导航前往（高德地图）' })).toHaveAttribute('href', /^https:\/\/uri\.amap\.com\/marker\?position=102\.98\d+,25\.35\d+&/);
  await expect(lines.first().getByRole('link', { name: /^电话 / })).toHaveAttribute('href', /^tel:\d{7,12}$/);
  await expect(lines.first().getByRole('link', { name: /^可办事项\d+项$/ })).toHaveAttribute('href', '/map/points/530127001001#items');
  await expectAccessible();

  await verdict.getByRole('link', { name: '嵩明县政务服务中心' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('嵩明县政务服务中心');
  await expect(page.locator('.point-status')).toContainText('办公中');
  await page.locator('.item-list__link').first().click();
  await expect(page).toHaveURL(/\/guide\/[A-Z]+-\d{3}$/);
  await expect(page.getByRole('heading', { name: '申请材料' })).toBeVisible();
});

test('a village station links to its zone on the map', async ({ page }) => {
  await page.goto('/map/points/530127001001');
  await page.getByRole('link', { name: '15分钟政务圈' }).click();
  await expect(page).toHaveURL(/\/map\?village=530127001001$/);
  await expect(page.getByRole('status')).toContainText('嵩阳社区');
});

// 李官村's village station stands in the village; a phone a few dozen metres away is in 李官村.
const NEAR_LIGUAN = { latitude: 25.4688, longitude: 103.1337 };

test.describe('my zone from the browser location', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the location needs JavaScript; without it the picker is the way');

  test('a shared location finds the right zone', async ({ page, context, expectAccessible }) => {
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation(NEAR_LIGUAN);
    await page.goto('/map');
    await page.getByRole('button', { name: '用我的位置查找' }).click();
    await expect(page).toHaveURL(/\/map\?village=530127102202&located=1/);
    const verdict = page.getByRole('status');
    await expect(verdict).toContainText('按您的位置，最近的村（社区）是');
    await expect(verdict).toContainText('李官村（小街镇）在李官村便民服务站的15分钟政务圈内');
    await expect(page.getByLabel('所在村（社区）')).toHaveValue('530127102202');
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
    await page.goto('/map');
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
  });
});

test('the map is drawn without JavaScript, with no dead buttons', async ({ page, javaScriptEnabled }) => {
  await page.goto('/map?village=530127102202');
  await expect(page.getByRole('img', { name: '嵩明县服务网点和15分钟政务圈地图，已标出李官村' })).toBeVisible();
  if (!javaScriptEnabled) {
    await expect(page.getByRole('button', { name: '放大' })).toBeHidden();
    await expect(page.getByRole('button', { name: '用我的位置查找' })).toBeHidden();
  }
});
