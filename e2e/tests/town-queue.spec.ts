import { test, expect, signInCitizen, staffSignIn } from './fixtures';
import type { Browser, BrowserContext, Page, TestInfo } from '@playwright/test';

// Booking and the queue beyond the county hall (issue 11). The projects run side by side on one server: each
// uses a town centre of its own, so their desks, windows and clerks never meet.
function setting(info: TestInfo) {
  return info.project.name === 'js'
    ? { town: '530127001', townName: '嵩阳街道便民服务中心', item: 'MZ-006', day: '2026-11-25' }
    : { town: '530127102', townName: '小街镇便民服务中心', item: 'MZ-006', day: '2026-11-27' };
}

async function contextAt(browser: Browser, info: TestInfo, baseURL: string, now: string): Promise<BrowserContext> {
  const context = await browser.newContext({ ...info.project.use });
  await context.addCookies([{ name: 'palm_now', value: encodeURIComponent(now), url: baseURL }]);
  return context;
}

/** Books `item` at `town` in the slot starting at `time` on `day` as a new citizen; returns the booking's code. */
async function bookAtTown(citizen: Page, item: string, town: string, day: string, time: string): Promise<string> {
  await signInCitizen(citizen);
  await citizen.goto(`/book?item=${item}&point=${town}&day=${day}`);
  await citizen.getByLabel(new RegExp(`^${time}`)).check();
  await citizen.getByRole('button', { name: '继续' }).click();
  await citizen.getByLabel('您的姓名').fill('王秀英');
  await citizen.getByRole('button', { name: '确认预约' }).click();
  await expect(citizen).toHaveURL(/\/bookings\/[A-Z0-9]{12}$/);
  return citizen.url().split('/').pop()!;
}

test('a town centre booking is checked in at its own desk, an early arrival is told when to come back, two taps on 叫号 call one ticket', async ({
  page, browser, baseURL, setClock, expectAccessible,
}, info) => {
  test.slow(); // three browser contexts and ~30 pages on 2 shared cores
  const { town, townName, item, day } = setting(info);

  // The day before, two citizens book at the town centre: one for 10:00, one for 16:00.
  const before = await contextAt(browser, info, baseURL!, `${dayBefore(day)}T08:00:00+08:00`);
  const at10 = await bookAtTown(await before.newPage(), item, town, day, '10:00');
  const at16 = await bookAtTown(await before.newPage(), item, town, day, '16:00');
  await before.close();

  // The administrator gives a new clerk the town centre (every department there): a point-scoped grant.
  await setClock(`${day}T09:40:00+08:00`);
  await staffSignIn(page, 'admin', 'PalmHall-admin-2026');
  const username = `town${Date.now() % 1e8}${info.project.name}`;
  await page.goto('/admin');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('姓名', { exact: true }).fill('<b>镇窗口</b>');
  await page.getByLabel('初始密码').fill('Window-pass-2026');
  await page.getByLabel('角色', { exact: true }).selectOption('window_staff');
  // Submitted from the keyboard (Enter in the password field): see queue.spec.ts.
  await page.getByLabel('初始密码').press('Enter');
  await expect(page.getByRole('alert')).toContainText('请选择服务点');
  await expect(page.getByLabel('用户名', { exact: true })).toHaveValue(username);
  await page.getByLabel(/^服务点/).selectOption(town);
  await page.getByLabel(/^所属部门/).selectOption('*');
  await page.getByLabel('初始密码').fill('Window-pass-2026');
  await page.getByLabel('初始密码').press('Enter');
  const row = page.getByRole('row', { name: new RegExp(username) });
  await expect(row).toContainText(`窗口工作人员（${townName} · 全部部门）`);
  await expect(row).toContainText('<b>镇窗口</b>');
  // The town centre has a desk and a 综合窗口 serving all its departments.
  await page.goto(`/admin/windows?point=${town}`);
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(townName);
  await expect(page.getByRole('table')).toContainText('1号签到台');
  await expect(page.getByRole('table')).toContainText('1号窗口 综合窗口');
  await expectAccessible();

  // The clerk's check-in desk is the town centre's.
  const desk = await contextAt(browser, info, baseURL!, `${day}T09:40:00+08:00`);
  const kiosk = await desk.newPage();
  await staffSignIn(kiosk, username, 'Window-pass-2026');
  await kiosk.goto('/staff/checkin');
  await expect(kiosk.locator('.caption')).toHaveText(townName);
  await expectAccessible(kiosk);
  // 09:40: the 16:00 booking is far too early — told when to come back, or may queue now as a walk-in.
  await kiosk.getByLabel('预约码').fill(at16);
  await kiosk.getByLabel('预约码').press('Enter');
  await expect(kiosk.getByRole('alert')).toContainText('预约优先从15:30开始，请届时再来签到');
  await expect(kiosk.getByLabel('预约码')).toHaveValue(at16);
  await expectAccessible(kiosk);
  await kiosk.getByRole('button', { name: '现在按现场取号排队' }).click();
  await expect(kiosk).toHaveURL(/\/tickets\/[a-z0-9]{12}$/);
  const early = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
  await expect(kiosk.getByText('已预约签到，优先叫号')).toHaveCount(0);
  // The 10:00 booking is on time: it goes ahead.
  await kiosk.goto('/staff/checkin');
  await kiosk.getByLabel('预约码').fill(at10);
  await kiosk.getByLabel('预约码').press('Enter');
  await expect(kiosk).toHaveURL(/\/tickets\/[a-z0-9]{12}$/);
  const onTime = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
  await expect(kiosk.getByText('已预约签到，优先叫号')).toBeVisible();
  expect(onTime).not.toBe(early);

  // The clerk signs on to the 综合窗口, the only window offered, in two tabs.
  const consoles = [await desk.newPage(), await desk.newPage()];
  await consoles[0].goto('/staff/window');
  const options = consoles[0].getByLabel('窗口', { exact: true }).locator('option');
  await expect(options).toHaveCount(2); // 请选择 and the town's 综合窗口
  await expect(options.nth(1)).toContainText('1号 综合窗口');
  await consoles[0].getByLabel('窗口', { exact: true }).selectOption({ index: 1 });
  await consoles[0].getByRole('button', { name: '签到', exact: true }).click();
  await expect(consoles[0].getByTestId('waiting')).toHaveText('等候 2 人');
  await consoles[1].goto('/staff/window');
  await expect(consoles[1].getByTestId('waiting')).toHaveText('等候 2 人');
  // Two taps on 叫号 at once: one ticket is called — the on-time booking, ahead of the walk-in.
  await Promise.all(consoles.map((c) => c.getByRole('button', { name: '叫号', exact: true }).click()));
  for (const c of consoles) {
    await c.goto('/staff/window');
    await expect(c.getByTestId('current-number')).toHaveText(onTime);
    await expect(c.getByTestId('waiting')).toHaveText('等候 1 人');
  }
  await expectAccessible(consoles[0]);
  await desk.close();
});

/** The civil date before `day` (YYYY-MM-DD). */
function dayBefore(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
