import { test, expect } from './fixtures';

test('working-day calculator: a mistake is named and nothing typed is lost, then the answer skips National Day', async ({ page, setClock, expectAccessible }) => {
  await setClock('2026-11-24T10:00:00+08:00');
  await page.goto('/calendar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('节假日与工作日');
  // 2027 is not announced yet: said plainly, weekends-only until the administrator enters it.
  await expect(page.getByRole('note')).toContainText('2027年节假日安排尚未发布');
  await expect(page.getByRole('cell', { name: '国庆节放假' }).first()).toBeVisible();

  await page.getByLabel('受理日期').fill('2026-09-30');
  await page.getByLabel('承诺时限（工作日）').fill('三天');
  await page.getByRole('button', { name: '计算' }).click();
  await expect(page.getByRole('alert')).toContainText('出现问题');
  await expect(page.getByRole('link', { name: '工作日天数须为0到365之间的整数' })).toHaveAttribute('href', '#days');
  await expect(page.getByLabel('受理日期')).toHaveValue('2026-09-30');
  await expect(page.getByLabel('承诺时限（工作日）')).toHaveValue('三天');
  await expect(page).toHaveTitle(/^错误：/);
  await expectAccessible();

  await page.getByLabel('承诺时限（工作日）').fill('3');
  await page.getByRole('button', { name: '计算' }).click();
  // 10-01..10-07 are holidays; 10-08, 10-09 and the make-up Saturday 10-10 are working days.
  await expect(page.getByRole('status')).toContainText('2026年10月10日（星期六）');
  await expectAccessible();
});
