import { test, expect, signInCitizen, smsTo, staffSignIn } from './fixtures';
import type { Browser, BrowserContext, Page, TestInfo } from '@playwright/test';

// The projects run side by side on one server: each uses its own department and day, so their queues never meet.
function setting(info: TestInfo) {
  return info.project.name === 'js'
    ? { dept: 'GA', item: 'GA-001', day: '2026-11-24', now: '2026-11-24T09:30:00+08:00' }
    : { dept: 'SJ', item: 'SJ-001', day: '2026-11-26', now: '2026-11-26T09:30:00+08:00' };
}

async function newContext(browser: Browser, info: TestInfo, baseURL: string, now: string): Promise<BrowserContext> {
  const context = await browser.newContext({ ...info.project.use });
  await context.addCookies([{ name: 'palm_now', value: encodeURIComponent(now), url: baseURL }]);
  return context;
}

test('a booked citizen checks in ahead of a walk-in, a window calls them, the registered screen and their phone show it', async ({
  page, browser, baseURL, setClock, expectAccessible,
}, info) => {
  // Four browser contexts (citizen, kiosk, window, screen) and ~40 pages: twice the usual journey's budget.
  test.setTimeout(120_000);
  const { dept, item, day, now } = setting(info);
  await setClock(now);

  // A citizen books a 10:00 slot for today on their phone.
  const phone = await newContext(browser, info, baseURL!, now);
  const citizen = await phone.newPage();
  const holderPhone = await signInCitizen(citizen);
  await citizen.goto(`/book?item=${item}&point=530127&day=${day}`);
  await citizen.getByLabel(/^10:00/).check();
  await citizen.getByRole('button', { name: '继续' }).click();
  await citizen.getByLabel('您的姓名').fill('张秀英');
  await citizen.getByRole('button', { name: '确认预约' }).click();
  await expect(citizen).toHaveURL(/\/bookings\/[A-Z0-9]{12}$/);
  const bookingUrl = citizen.url();

  // The centre administrator registers the window screen's device and makes a window staff account.
  const device = await newContext(browser, info, baseURL!, now);
  const screen = await device.newPage();
  await staffSignIn(screen, 'admin', 'PalmHall-admin-2026');
  const username = `w${Date.now() % 1e9}${info.project.name}`;
  await screen.goto('/admin');
  await screen.getByLabel('用户名', { exact: true }).fill(username);
  await screen.getByLabel('姓名', { exact: true }).fill('测试窗口');
  await screen.getByLabel('初始密码').fill('Window-pass-2026');
  await screen.getByLabel('角色', { exact: true }).selectOption('window_staff');
  await screen.getByLabel(/^服务点/).selectOption('530127');
  await screen.getByLabel('所属部门（窗口工作人员和审核人员必选）').selectOption(dept);
  // Submitted from the keyboard: under load, headless Chromium's emulated phone keeps scrolling the focused
  // password field back into view, and a pointer click on 新增 lands on the field above it.
  await screen.getByLabel('初始密码').press('Enter');
  await expect(screen.getByText(username)).toBeVisible();

  // The hall's check-in desk (this test's page is the kiosk, signed in as the new staff).
  await staffSignIn(page, username, 'Window-pass-2026');
  await page.getByRole('link', { name: '签到取号' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('签到取号');
  await expect(page.getByLabel('预约码')).toBeFocused();
  await expectAccessible();
  // The scanner types a code and "presses Enter": an unknown one is named, and what was typed stays.
  await page.getByLabel('预约码').fill('NOSUCHCODE');
  await page.getByLabel('预约码').press('Enter');
  await expect(page.getByRole('alert')).toContainText('未找到该预约，请核对预约码');
  await expect(page.getByLabel('预约码')).toHaveValue('NOSUCHCODE');
  // A walk-in chooses a service group.
  await page.getByRole('button', { name: '取号' }).click();
  await expect(page.getByRole('alert')).toContainText('请选择办理部门');
  await expectAccessible();
  await page.getByLabel('办理部门').selectOption(dept);
  await page.getByRole('button', { name: '取号' }).click();
  await expect(page).toHaveURL(/\/tickets\/[a-z0-9]{12}$/);
  const walkIn = (await page.getByTestId('ticket-number').textContent())!.trim();
  expect(walkIn).toMatch(/^[A-Z]\d{3}$/);
  await expect(page.getByTestId('ticket-live')).toContainText('下一位就是您');
  await expectAccessible();

  // The booked citizen arrives: the scanner types the whole check-in URL of the QR code.
  await page.goto('/staff/checkin');
  await page.getByLabel('预约码').fill(bookingUrl);
  await page.getByLabel('预约码').press('Enter');
  await expect(page).toHaveURL(/\/tickets\/[a-z0-9]{12}$/);
  const number = (await page.getByTestId('ticket-number').textContent())!.trim();
  expect(number).not.toBe(walkIn);
  await expect(page.getByText('已预约签到，优先叫号')).toBeVisible();
  await expect(page.getByTestId('ticket-live')).toContainText('下一位就是您');

  // The citizen follows the queue on their booking page (the ticket's own page is a link away).
  await citizen.reload();
  await expect(citizen.getByText(`排队号 ${number}。`)).toBeVisible();
  await expect(citizen.getByRole('link', { name: '打开排队号页面（可打印）' })).toHaveAttribute('href', /^\/tickets\/[a-z0-9]{12}$/);
  const ticketPath = (await citizen.getByRole('link', { name: '打开排队号页面（可打印）' }).getAttribute('href'))!;
  await expect(citizen.getByTestId('ticket-live')).toContainText('下一位就是您');
  await expectAccessible(citizen);

  // An unregistered browser sees nothing of the queue; the administrator registers this one.
  await page.goto('/staff/window');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('窗口叫号');
  await expectAccessible();
  const choice = page.getByLabel('窗口', { exact: true }).locator('option').nth(1);
  const windowId = (await choice.getAttribute('value'))!;
  const windowNumber = (await choice.textContent())!.match(/^(\d+)号/)![1];
  const other = await phone.newPage();
  await other.goto(`/windows/${windowId}/screen`);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('此设备未登记');
  await other.close();
  await screen.goto(`/windows/${windowId}/screen`);
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText('此设备未登记');
  await screen.getByRole('button', { name: /将本设备登记为/ }).click();
  await expect(screen.getByRole('heading', { level: 1 })).toContainText(`${windowNumber}号窗口`);
  // The device cookie alone keeps it registered, signed in or not.
  await device.clearCookies({ name: 'palm_session' });
  await screen.reload();
  await expect(screen.getByRole('heading', { level: 1 })).toContainText(`${windowNumber}号窗口`);
  await expectAccessible(screen);
  if (info.project.name === 'js') {
    // Browsers speak only after a touch: the operator turns the voice on once.
    await screen.getByRole('button', { name: '开启语音播报' }).click();
    await expect(screen.getByRole('button', { name: '开启语音播报' })).toBeHidden();
  }

  // Window staff sign on and call: the booked citizen goes first, though the walk-in came earlier.
  await page.getByLabel('窗口', { exact: true }).selectOption(windowId);
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await expect(page.getByText('服务中')).toBeVisible();
  await expect(page.getByTestId('waiting')).toHaveText('等候 2 人');
  await page.getByRole('button', { name: '叫号', exact: true }).click();
  await expect(page.getByTestId('current-number')).toHaveText(number);
  await expectAccessible();

  const announcement = `请${number}号到${windowNumber}号窗口`;
  if (info.project.name === 'nojs') {
    await screen.getByRole('button', { name: '刷新' }).click();
    await citizen.getByRole('button', { name: '刷新' }).click();
  }
  // With JavaScript both pages update by themselves (server-sent events); without it, after 刷新.
  await expect(screen.getByTestId('screen-number')).toHaveText(number);
  await expect(screen.getByTestId('screen-call')).toHaveText(announcement);
  await expect(citizen.getByTestId('ticket-live')).toContainText(`请到${windowNumber}号窗口`);
  await expect(citizen.getByTestId('ticket-live')).toContainText('您的号码已叫到');
  if (info.project.name === 'js') {
    // The screen announced it (speech synthesis gets the same words).
    await expect(screen.getByTestId('screen-announced')).toHaveText(announcement);
  }
  await expectAccessible(citizen);

  // Served: the end is recorded and the citizen's page says so.
  await page.getByRole('button', { name: '办结', exact: true }).click();
  await expect(page.getByText('当前没有正在办理的号码。')).toBeVisible();
  if (info.project.name === 'nojs') await citizen.getByRole('button', { name: '刷新' }).click();
  await expect(citizen.getByTestId('ticket-live')).toContainText('已办结');
  // With JavaScript the invitation to rate appears with it, no reload.
  if (info.project.name === 'js') await expect(citizen.getByRole('link', { name: '评价本次服务' })).toHaveCount(1);
  // 一次一评 (issue 19): one SMS invites the rating, with the served ticket's own address.
  const sink = await phone.newPage();
  const invites = (await smsTo(sink, holderPhone)).filter({ hasText: '欢迎对本次服务作出评价' });
  await expect(invites).toHaveCount(1);
  await expect(invites).toContainText(ticketPath.replace('/tickets/', '/rate/t/'));
  await sink.close();
  // The served ticket's page offers the rating, once.
  await citizen.reload();
  await citizen.getByRole('link', { name: '评价本次服务' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('评价服务');
  await citizen.locator('label[for="level-satisfied"]').click();
  await citizen.getByLabel('服务效率').check();
  await citizen.getByRole('button', { name: '提交评价' }).click();
  await expect(citizen.locator('.panel__title')).toHaveText('感谢您的评价');
  await citizen.goBack();
  await citizen.reload();
  await expect(citizen.getByRole('status')).toContainText('评价过这次服务：满意');
  await expect(citizen.getByRole('button', { name: '提交评价' })).toHaveCount(0);
  // Next: the walk-in, on the screen too.
  await page.getByRole('button', { name: '叫号', exact: true }).click();
  await expect(page.getByTestId('current-number')).toHaveText(walkIn);
  if (info.project.name === 'nojs') await screen.getByRole('button', { name: '刷新' }).click();
  await expect(screen.getByTestId('screen-number')).toHaveText(walkIn);
  await page.getByRole('button', { name: '签退' }).click();
  await device.close();
  await phone.close();
});

test('only pages with islands load the WASM', async ({ page, javaScriptEnabled }) => {
  const wasm: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto('/');
  await page.goto('/guide');
  expect(wasm).toEqual([]);
  // The map has islands: the browser fetches the WASM there, and only when it runs JavaScript.
  await page.goto('/map');
  if (javaScriptEnabled) await expect.poll(() => wasm.length).toBeGreaterThan(0);
  await expect(page.getByRole('img', { name: /嵩明县服务网点和15分钟政务圈地图/ })).toBeVisible();
  if (!javaScriptEnabled) expect(wasm).toEqual([]);
  // A page with islands ends with <IslandScripts/>: the map (pan and zoom, my location).
  const html = await (await page.request.get('/map')).text();
  expect(html).toContain('.wasm');
  expect(await (await page.request.get('/tickets/nosuchticket')).text()).not.toContain('.wasm');
  expect(await (await page.request.get('/')).text()).not.toContain('.wasm');
});

test('the administrator sees each window screen and its registered devices, and revokes a lost one', async ({ page, expectAccessible, javaScriptEnabled }, testInfo) => {
  // Side by side on one server: each project uses a window of its own.
  const win = testInfo.project.name === 'js' ? { id: 'W32', label: '32号窗口 供电窗口' } : { id: 'W33', label: '33号窗口 供水窗口' };
  await staffSignIn(page, 'admin', 'PalmHall-admin-2026');
  await page.goto('/admin');
  await page.getByRole('link', { name: '窗口屏幕' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('窗口屏幕');
  const row = page.getByRole('row', { name: new RegExp(win.label) });
  await expect(row).toContainText('未登记');
  await expectAccessible();

  // Register this browser as the window's screen from its address.
  await row.getByRole('link', { name: `/windows/${win.id}/screen` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('此设备未登记');
  await page.getByRole('button', { name: /将本设备登记为/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(win.label.split(' ')[0]);

  // The screen stays open in another tab of this device while the administrator revokes it.
  const screen = await page.context().newPage();
  await screen.goto(`/windows/${win.id}/screen`);
  await expect(screen.getByRole('heading', { level: 1 })).toContainText(win.label.split(' ')[0]);
  // The display never holds an administrator's session: registering it signed them out on this device (issue 13,
  // item 7). The administrator signs in again to manage it.
  await page.goto('/admin/screens');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('请先登录');
  await staffSignIn(page, 'admin', 'PalmHall-admin-2026');
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto('/admin/screens');
  await expect(row).toContainText('由 中心管理员 登记');
  await row.getByRole('button', { name: /撤销/ }).click();
  // A live screen goes dark at once; without JavaScript, at its next refresh.
  if (javaScriptEnabled) await expect(screen.getByRole('heading', { level: 1 })).toHaveText('此设备未登记', { timeout: 10_000 });
  await expect(page.getByRole('status')).toContainText('已撤销该设备的登记');
  await expect(row).toContainText('未登记');
  await expectAccessible();
  await page.goto(`/windows/${win.id}/screen`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('此设备未登记');
});
