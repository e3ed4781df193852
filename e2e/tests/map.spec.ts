import { test, expect } from './fixtures';

// A Tuesday lunchtime: village stations and town centres are closed for lunch; the county hall serves through it.
const TUESDAY_LUNCH = '2026-11-24T12:30:00+08:00';

test('pick a village, see its zone and the nearest open point, open it, follow an item to the guide', async ({ page, setClock, expectAccessible }) => {
  await setClock(TUESDAY_LUNCH);
  await page.goto('/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '服务网点' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('15分钟政务圈');
  // A map to find yourself on (issue 13, item 2): the county and town roads, and the towns by name, legible on a
  // 360-pixel phone (the names at least 10 px high on screen).
  const map = page.locator('.zone-map svg');
  await expect(map.locator('path[stroke="#b1591d"]')).toHaveCount(1);
  const town = map.locator('text', { hasText: '小街镇' });
  await expect(town).toBeVisible();
  expect((await town.boundingBox())!.height).toBeGreaterThanOrEqual(10);
  await expectAccessible();

  await page.getByLabel('所在村（社区）').selectOption({ label: '嵩阳社区' });
  await page.getByRole('button', { name: '查看' }).click();
  const verdict = page.getByRole('status');
  await expect(verdict).toContainText('嵩阳社区（嵩阳街道）在嵩阳社区便民服务站的15分钟政务圈内');
  await expect(map.locator('text.map-label--chosen')).toHaveText('嵩阳社区');
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
  await expect(lines.first().getByRole('link', { name: '高德地图导航' })).toHaveAttribute('href', /^https:\/\/uri\.amap\.com\/navigation\?to=102\.98\d+,25\.35\d+,/);
  await expect(lines.first().getByRole('link', { name: '百度地图导航' })).toHaveAttribute('href', /^https:\/\/api\.map\.baidu\.com\/direction\?destination=latlng:25\.3\d+,10[23]\.\d+%7C/);
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
  await page.getByRole('link', { name: '本网点的15分钟政务圈' }).click();
  await expect(page).toHaveURL(/\/map\?point=530127001001#point-zone$/);
  await expect(page.getByRole('status')).toContainText('嵩阳社区便民服务站的15分钟政务圈');
});

test('the map is drawn without JavaScript, with no dead buttons', async ({ page, javaScriptEnabled }) => {
  await page.goto('/map?village=530127102202');
  await expect(page.getByRole('img', { name: '嵩明县服务网点和15分钟政务圈地图，已标出李官村' })).toBeVisible();
  // The islands show their buttons once they run; without JavaScript they never appear.
  for (const name of ['放大', '用我的位置查找']) {
    const button = page.getByRole('button', { name });
    if (javaScriptEnabled) await expect(button).toBeVisible();
    else await expect(button).toBeHidden();
  }
});
