import { test, expect } from './fixtures';
import type { Locator, Page } from '@playwright/test';

async function px(l: Locator, prop: string): Promise<number> {
  return l.evaluate((el, p) => parseFloat(getComputedStyle(el).getPropertyValue(p)), prop).catch(() => NaN);
}

/** Sizes measured from layout: what the eye and finger get, not class names. */
async function box(l: Locator) {
  const b = await l.boundingBox();
  expect(b, 'element is laid out').not.toBeNull();
  return b!;
}

/** In elderly mode the header's links are behind one 菜单 button: open it. */
async function openMenu(page: Page) {
  const menu = page.locator('details.site-menu');
  if ((await menu.count()) && !(await menu.evaluate((e) => (e as HTMLDetailsElement).open))) {
    await page.locator('.site-menu__button').click();
  }
}

async function expectTargetsAtLeast(page: Page, min: number) {
  await openMenu(page);
  const targets = [
    page.locator('.site-menu__button'),
    page.locator('.site-header__nav a').first(),
    page.locator('.elder-switch__button'),
    page.getByRole('button', { name: '搜索' }),
    page.getByLabel('搜索办事事项'),
    page.locator('.quick-links__link').first(),
  ];
  for (const t of targets) {
    const b = await box(t);
    expect(b.height, await t.evaluate((e) => e.outerHTML.slice(0, 60))).toBeGreaterThanOrEqual(min);
    expect(b.width).toBeGreaterThanOrEqual(min);
  }
}

test('elderly mode enlarges text and targets, is remembered, and can be switched off', async ({ page, expectAccessible }, testInfo) => {
  await page.goto('/');
  const lead = page.locator('.lead');
  const normalText = await page.locator('body').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(normalText).toBeLessThan(20);

  await page.getByRole('button', { name: '长辈版（大字）' }).click();
  // Issue 13, item 8: at 360 × 740 the header folds into one 菜单 button, so the page's heading and its first
  // action (the search) are on the first screen without scrolling (before: five full-width buttons filled half of it).
  await expect(page.locator('.site-menu__button')).toHaveText('菜单');
  const header = await box(page.locator('.site-header'));
  expect(header.height).toBeLessThan(160);
  const h1 = await box(page.getByRole('heading', { level: 1 }));
  expect(h1.y + h1.height).toBeLessThanOrEqual(740);
  const search = await box(page.getByRole('button', { name: '搜索' }));
  expect(search.y + search.height).toBeLessThanOrEqual(740);
  await expectAccessible();
  await openMenu(page);
  await expect(page.getByRole('button', { name: '切换到标准版' })).toBeVisible();
  expect(await px(lead, 'font-size')).toBeGreaterThanOrEqual(20);
  expect(await px(page.locator('.item-list__meta, .facet-list__count').first(), 'font-size')).toBeGreaterThanOrEqual(20);
  expect(await px(page.getByRole('heading', { level: 1 }), 'font-size')).toBeGreaterThanOrEqual(30);
  expect(await px(page.getByRole('heading', { level: 2 }).first(), 'font-size')).toBeGreaterThanOrEqual(30);
  await expectTargetsAtLeast(page, 60);
  await expectAccessible();

  // The map in elderly mode: names larger and still readable over the tints, and axe clean (issue 13).
  await page.goto('/map?village=530127102202');
  const label = page.locator('.zone-map svg text', { hasText: '小街镇' });
  expect((await box(label)).height).toBeGreaterThanOrEqual(12);
  await expect(page.locator('.zone-map svg text.map-label--chosen')).toHaveText('李官村');
  await expectAccessible();

  // Remembered on this device: another page, and a search result's links.
  await page.goto('/guide?q=营业执照');
  const link = page.locator('.item-list__link').first();
  expect((await box(link)).height).toBeGreaterThanOrEqual(60);
  expect(await px(page.locator('.item-list__meta').first(), 'font-size')).toBeGreaterThanOrEqual(20);
  await expectAccessible();

  await openMenu(page);
  await page.getByRole('button', { name: '切换到标准版' }).click();
  await expect(page).toHaveURL(/\/guide/);
  await expect(page.locator('.site-menu')).toHaveCount(0);
  expect(await page.locator('body').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeLessThan(20);
  testInfo.annotations.push({ type: 'normal body text', description: `${normalText}px` });
});
