import { test, expect } from './fixtures';

// A Tuesday lunchtime: the county hall serves through lunch (午间不打烊); town centres close 12:00–14:00.
const TUESDAY_LUNCH = '2026-11-24T12:30:00+08:00';
// National Day: the county hall keeps holiday hours (365天不打烊); town centres are closed until 10-08.
const NATIONAL_DAY = '2026-10-02T10:00:00+08:00';

async function search(page, words: string) {
  await page.goto('/');
  await page.getByLabel('搜索办事事项').fill(words);
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`“${words}”的搜索结果`);
}

test('find an item by Chinese words, open it, visit an open point and one closed for lunch', async ({ page, setClock, expectAccessible }) => {
  await setClock(TUESDAY_LUNCH);
  await page.goto('/');
  await expectAccessible();
  await search(page, '营业执照');
  // Items named 营业执照 come first, then items that ask for a licence among their materials.
  const names = await page.locator('.item-list__link').allTextContents();
  expect(names.length).toBeGreaterThan(6);
  expect(names.slice(0, 6).every((n) => n.includes('营业执照'))).toBe(true);
  expect(names.slice(6).some((n) => n.includes('营业执照'))).toBe(false);
  await expectAccessible();
  await page.getByRole('link', { name: '个体工商户营业执照设立登记' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('个体工商户营业执照设立登记');
  await expect(page.getByText('即时办结')).toBeVisible();
  await expect(page.getByRole('heading', { name: '申请材料' })).toBeVisible();
  await expect(page.locator('.material-list__item').first()).toBeVisible();
  await expectAccessible();

  const places = page.locator('.place-list__item');
  const hall = places.filter({ hasText: '嵩明县政务服务中心' });
  await expect(hall).toContainText('办公中');
  await expect(hall).toContainText('19:00 下班');
  const town = places.filter({ hasText: '嵩阳街道便民服务中心' });
  await expect(town).toContainText('午休');
  await expect(town).toContainText('14:00 恢复办公');

  await hall.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('嵩明县政务服务中心');
  await expect(page.locator('.point-status')).toContainText('办公中');
  await expect(page.locator('.point-status')).toContainText('365天不打烊');
  await expect(page.getByRole('link', { name: '0871-67911234' })).toHaveAttribute('href', 'tel:087167911234');
  // Directions open a route to the point: Amap in GCJ-02, Baidu in BD-09 (each offset from the stored WGS-84).
  await expect(page.getByRole('link', { name: '高德地图导航' })).toHaveAttribute('href', /^https:\/\/uri\.amap\.com\/navigation\?to=103\.04\d+,25\.3\d+,/);
  await expect(page.getByRole('link', { name: '百度地图导航' })).toHaveAttribute('href', /^https:\/\/api\.map\.baidu\.com\/direction\?destination=latlng:25\.3\d+,103\.0\d+%7Cname:.*coord_type=bd09ll/);
  // Every point links to its own zone on the map (issue 13, item 3).
  await page.getByRole('link', { name: '本网点的15分钟政务圈' }).click();
  await expect(page).toHaveURL(/\/map\?point=530127#point-zone$/);
  await expect(page.getByRole('status')).toHaveText('地图上用黑线标出了嵩明县政务服务中心的15分钟政务圈，红圈是网点所在。');
  await expect(page.locator('.zone-map svg circle[stroke="#d4351c"]')).toHaveCount(1);
  await page.goBack();
  await expect(page.getByRole('heading', { name: /可办事项（\d+项）/ })).toBeVisible();
  await expectAccessible();

  await page.goBack();
  await page.locator('.place-list__item').filter({ hasText: '嵩阳街道便民服务中心' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('嵩阳街道便民服务中心');
  await expect(page.locator('.point-status')).toContainText('午休');
  await expect(page.locator('.point-status')).toContainText('14:00 恢复办公');
  await expect(page.locator('.point-status')).toContainText('09:00–12:00，14:00–17:30');
  // A town centre lists its village stations, and the item it handles links back to the guide.
  await expect(page.getByRole('heading', { name: '辖区便民服务站' })).toBeVisible();
  await page.getByRole('link', { name: '个体工商户营业执照设立登记' }).click();
  await expect(page).toHaveURL(/\/guide\/SJ-001$/);
  await expectAccessible();
});

test('find items by pinyin initials', async ({ page, expectAccessible }) => {
  await search(page, 'yyzz');
  const names = await page.locator('.item-list__link').allTextContents();
  expect(names.length).toBe(6);
  for (const n of names) expect(n).toContain('营业执照');
  await expectAccessible();
});

test('find items by a material they require, with full-width input', async ({ page }) => {
  await search(page, '户口簿');
  await expect(page.getByRole('link', { name: '居民身份证换领' })).toBeVisible();
  // Full-width letters are read like half-width ones.
  await search(page, 'ＹＹＺＺ');
  await expect(page.getByRole('status')).toContainText('找到 6 项');
});

test('a search with no results says what to do next', async ({ page, expectAccessible }) => {
  await search(page, '火星移民');
  await expect(page.getByRole('status')).toContainText('找到 0 项');
  await expect(page.getByRole('heading', { name: '没有找到相关事项' })).toBeVisible();
  await expectAccessible();
});

test('on a public holiday the 365-day hall is open and a town centre says when it reopens', async ({ page, setClock }) => {
  await setClock(NATIONAL_DAY);
  await page.goto('/map/points/530127');
  await expect(page.locator('.point-status')).toContainText('办公中');
  await expect(page.locator('.point-status')).toContainText('今天是国庆节假期');
  await page.goto('/map/points/530127001');
  await expect(page.locator('.point-status')).toContainText('休息');
  await expect(page.locator('.point-status')).toContainText('10月8日 09:00 开门');
});

test('browse by audience, department and life event', async ({ page, expectAccessible }) => {
  await page.goto('/');
  await page.getByRole('link', { name: '法人办事' }).click();
  await expect(page.locator('.filter-line')).toContainText('法人办事');
  const enterprise = await page.locator('.item-list__item').count();
  expect(enterprise).toBeGreaterThan(30);
  await page.goto('/');
  await page.getByRole('link', { name: /^出生一件事/ }).click();
  await expect(page.locator('.filter-line')).toContainText('出生一件事');
  await expect(page.locator('.item-list__item').first()).toBeVisible();
  await expectAccessible();
});

test('unknown items and pages answer 404 with a way on', async ({ page }) => {
  const res = await page.goto('/guide/NO-SUCH-ITEM');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到该事项');
  await expect(page.getByLabel('搜索办事事项')).toBeVisible();
  const other = await page.goto('/no/such/page');
  expect(other?.status()).toBe(404);
});

test('the component gallery is accessible', async ({ page, expectAccessible }) => {
  await page.goto('/dev/gallery');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('组件库（开发用）');
  // Radios: a named group, the checked value rendered back, the error tied to the group.
  await expect(page.getByRole('group', { name: '为谁预约' }).getByLabel('本人')).toBeChecked();
  await expect(page.getByRole('group', { name: '办理绿色通道的原因' })).toHaveAccessibleDescription(/请选择办理绿色通道的原因/);
  // The QR code is drawn on the server: an image with its name, in the HTML without JavaScript.
  await expect(page.getByRole('img', { name: '签到二维码' })).toBeVisible();
  // Radios with per-option hints and disabled options: the hint describes its option; a disabled one cannot be chosen.
  const slots = page.getByRole('group', { name: '选择11月28日 周六的时段' });
  await expect(slots.getByLabel('09:00–09:30')).toHaveAccessibleDescription('余2个');
  await expect(slots.getByLabel('09:30–10:00')).toBeDisabled();
  // The components filing needs (issue 15): task list, date input, panel, warning text, file upload, summary card.
  await expect(page.getByRole('link', { name: '上传材料' })).toHaveAccessibleDescription('未完成');
  await expect(page.locator('.task-list__item', { hasText: '确认提交' }).getByRole('link')).toHaveCount(0);
  const birth = page.getByRole('group', { name: '出生日期' });
  await expect(birth.getByLabel('年')).toHaveValue('1968');
  await expect(birth.getByLabel('日')).toHaveValue('27');
  await expect(page.getByRole('group', { name: '发证日期' })).toHaveAccessibleDescription(/发证日期须为真实存在的日期/);
  await expect(page.getByRole('heading', { level: 2, name: '申请已提交' })).toBeVisible();
  await expect(page.locator('.panel--confirmation')).toContainText('SM20261201000123');
  await expect(page.locator('.warning-text--icon')).toContainText('警告：提交后不能修改');
  await expect(page.getByLabel('居民身份证（正反面）')).toHaveAttribute('accept', '.jpg,.jpeg,.png,.pdf');
  await expect(page.getByRole('progressbar', { name: '上传进度' })).toHaveCount(1);
  await expect(page.getByRole('link', { name: '修改 家庭成员1' })).toBeVisible();
  await expectAccessible();
});

test('healthz answers when the database does', async ({ request }) => {
  const res = await request.get('/healthz');
  expect(res.status()).toBe(200);
  expect(await res.text()).toBe('ok');
});

test('HTML is compressed and hashed assets are cached as immutable', async ({ request }) => {
  const page = await request.get('/guide', { headers: { 'Accept-Encoding': 'br' } });
  expect(page.headers()['content-encoding']).toBe('br');
  const css = (await page.text()).match(/href="(\/pkg\/palm-hall\.[^"]+\.css)"/)?.[1];
  expect(css).toBeTruthy();
  const asset = await request.get(css!);
  expect(asset.status()).toBe(200);
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
});
