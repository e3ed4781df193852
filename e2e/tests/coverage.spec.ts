import { test, expect, staffSignIn } from './fixtures';
import path from 'path';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);

test('strangers cannot open the planners’ pages', async ({ page }) => {
  expect((await page.goto('/admin/coverage'))?.status()).toBe(401);
  expect((await page.goto('/admin/network'))?.status()).toBe(401);
  await staffSignIn(page, 'ga.window', 'PalmHall-staff-2026');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作台');
  expect((await page.goto('/admin/coverage'))?.status()).toBe(403);
  await expect(page.getByText('您没有办理此项业务的权限')).toBeVisible();
});

test('a planner sees coverage, the places beyond 15 minutes, and what one more station would change', async ({ page, expectAccessible }) => {
  await staffSignIn(page, 'admin', 'PalmHall-admin-2026');
  await page.goto('/admin');
  await page.getByRole('link', { name: '15分钟政务圈覆盖情况' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('15分钟政务圈覆盖情况');
  const people = async (column: number) => {
    const text = column === 0
      ? await page.locator('.summary-list__row', { hasText: '人口' }).locator('.summary-list__value').textContent()
      : await page.locator('.what-if-table tr', { hasText: '人口' }).locator('td').nth(column - 1).textContent();
    const [, all, covered] = text!.match(/(\d+)人中有(\d+)人/)!;
    return { all: Number(all), covered: Number(covered) };
  };
  const before = await people(0);
  expect(before.covered).toBeLessThan(before.all);
  const uncovered = page.locator('.coverage-table tbody tr');
  await expect(uncovered.first()).toContainText(/约\d+分钟/);
  await expectAccessible();

  // What if a station stood at the largest place beyond 15 minutes?
  const site = (await uncovered.first().getAttribute('data-place'))!;
  const name = (await uncovered.first().locator('.coverage-table__name').textContent())!;
  await page.getByLabel('在哪个自然村增设便民服务点（代办点）').selectOption(site);
  await page.getByRole('button', { name: '计算' }).click();
  await expect(page.getByRole('status')).toContainText(`在${name}增设服务点后，15分钟内新增`);
  await expect(page.getByLabel('在哪个自然村增设便民服务点（代办点）')).toHaveValue(site);
  const now = await people(1);
  const after = await people(2);
  expect(now).toEqual(before);
  expect(after.covered).toBeGreaterThan(before.covered);
  await expect(page.getByText(/新进入15分钟范围的自然村：/)).toContainText(name);
  await expectAccessible();
});

test('an administrator uploads a road network: a bad file is refused with every problem named, a good one is added', async ({ page, expectAccessible }) => {
  await staffSignIn(page, 'admin', 'PalmHall-admin-2026');
  await page.goto('/admin');
  await page.getByRole('link', { name: '路网管理' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('路网管理');
  await expectAccessible();

  await page.getByLabel('GeoJSON 文件').setInputFiles(fixture('bad-roads.geojson'));
  await page.getByRole('button', { name: '上传并导入' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('第2条道路的道路等级“highway”无法识别');
  await expect(summary).toContainText('第3条道路的第2个坐标（经度104.50000，纬度25.30000）在县域范围之外');
  await expect(page.getByText('文件未导入：有2处问题，见页面顶部的列表')).toBeVisible();
  await expect(page.getByRole('link', { name: 'bad-roads.geojson' })).toHaveCount(0);
  await expectAccessible();

  // Pasted text that is not GeoJSON: named, and kept in the box.
  await page.getByLabel('或者粘贴 GeoJSON 内容').fill('{"type": "Feature"}');
  await page.getByRole('button', { name: '上传并导入' }).click();
  await expect(page.getByRole('alert')).toContainText('文件不是 GeoJSON 要素集合');
  await expect(page.getByLabel('或者粘贴 GeoJSON 内容')).toHaveValue('{"type": "Feature"}');
  // Markup pasted is kept as text, never run (issue 12: tachys leaves <textarea> text unescaped; before the fix this
  // closed the box and ran the script).
  const payload = '</textarea><img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';
  await page.getByLabel('或者粘贴 GeoJSON 内容').fill(payload);
  await page.getByRole('button', { name: '上传并导入' }).click();
  await expect(page.getByRole('alert')).toContainText('文件不是有效的 JSON');
  await expect(page.getByLabel('或者粘贴 GeoJSON 内容')).toHaveValue(payload);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.title()).not.toBe('pwned');
  await page.getByLabel('或者粘贴 GeoJSON 内容').fill('');

  await page.getByLabel('追加到现有路网（如新修的道路）').check();
  await page.getByLabel('GeoJSON 文件').setInputFiles(fixture('new-village-road.geojson'));
  await page.getByRole('button', { name: '上传并导入' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('路网已导入');
  await expect(page.locator('.summary-list')).toContainText('new-village-road.geojson');
  await expect(page.locator('.summary-list__row', { hasText: '新增路段' })).toContainText('2段');
  await expect(page.locator('.summary-list__row', { hasText: '按道路等级' })).toContainText('村道2段');
  await expectAccessible();

  // The zones are recomputed in the background; the network page says when it is done.
  await page.getByRole('link', { name: '返回路网管理' }).click();
  await expect(page.getByRole('link', { name: 'new-village-road.geojson' }).first()).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.locator('.summary-list__row', { hasText: '状态' })).toContainText('已按当前路网和网点计算');
  }).toPass({ timeout: 30_000 });
  await expect(page.locator('.summary-list__row', { hasText: '政务圈版本' })).not.toContainText('第1版');
});
