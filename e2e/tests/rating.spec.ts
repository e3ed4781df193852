import crypto from 'node:crypto';
import { test, expect, freshPhone, signInHere, staffSignIn } from './fixtures';

// Monday 7 December 2026, 10:00.
const MONDAY = '2026-12-07T10:00:00+08:00';
const MONDAY_SECS = Date.parse(MONDAY) / 1000;
// The e2e server's PALM_SECRET (scripts/e2e-server.sh): the test makes the screen's token as the server does.
const SECRET = process.env.PALM_SECRET ?? 'e2e-only-secret-0123456789abcdef0123456789';
const screenToken = (window: string, at: number) =>
  crypto.createHmac('sha256', SECRET).update(`rate:${window}:${Math.floor(at / 60)}`).digest().subarray(0, 12).toString('hex');

test("a citizen scans the window screen's code, rates 非常不满意 with a verified phone, and the window staff see it", async ({ page, browser, setClock, expectAccessible }, testInfo) => {
  // The hall's display for window 2, registered by the administrator, shows the rating code with its token.
  const display = await browser.newContext({ ...testInfo.project.use });
  await display.addCookies([{ name: 'palm_now', value: encodeURIComponent(MONDAY), url: testInfo.project.use.baseURL! }]);
  const screen = await display.newPage();
  await staffSignIn(screen, 'admin', 'PalmHall-admin-2026');
  await screen.goto('/windows/W02/screen');
  await screen.getByRole('button', { name: /将本设备登记为/ }).click();
  const code = screen.getByTestId('screen-qr').locator('.qr');
  await expect(code.getByRole('img', { name: '扫码评价本窗口服务' })).toBeVisible();
  // Without JavaScript the screen reads itself again before its code stops working (4 minutes at a 1-minute rotation).
  if (testInfo.project.name === 'nojs') await expect(screen.locator('noscript meta[http-equiv="refresh"]')).toHaveAttribute('content', '240');
  const url = (await code.getAttribute('data-url'))!;
  expect(url).toBe(`${testInfo.project.use.baseURL}/rate/w/W02?t=${screenToken('W02', MONDAY_SECS)}`);
  await display.close();

  // A phone opens it.
  await setClock(MONDAY);
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('评价服务');
  await expect(page.locator('.caption')).toContainText('公安窗口2');
  await expectAccessible();
  // A bad rating without a verified phone: told to sign in, what was chosen and written kept.
  const comment = `<i>窗口态度差</i> ${testInfo.project.name} ${Date.now()}`;
  await page.locator('label[for="level-very_dissatisfied"]').click();
  await page.getByLabel('服务态度').check();
  await page.getByLabel('意见和建议（选填）').fill(comment);
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByRole('alert')).toContainText('需要先用手机号码和短信验证码登录');
  await expect(page.locator('#level-very_dissatisfied')).toBeChecked();
  await expectAccessible();
  const phone = freshPhone();
  await page.locator('#phone').getByRole('link', { name: '用手机号码登录验证' }).click();
  await signInHere(page, phone);
  // Back at the same rating after signing in (its form token outlives the screen's code), nothing to type again.
  await expect(page).toHaveURL(/\/rate\/w\/W02\?t=f\d+\.[0-9a-f]{24}$/);
  await expect(page.locator('#level-very_dissatisfied')).toBeChecked();
  await expect(page.getByLabel('服务态度')).toBeChecked();
  await expect(page.getByLabel('意见和建议（选填）')).toHaveValue(comment);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.locator('.panel__title')).toHaveText('感谢您的评价');
  await expect(page.locator('main')).toContainText('工作人员将在3个工作日内');
  await expectAccessible();

  // The window's staff see it with its follow-up phone, masked.
  const staff = await browser.newContext({ ...testInfo.project.use });
  await staff.addCookies([{ name: 'palm_now', value: encodeURIComponent(MONDAY), url: testInfo.project.use.baseURL! }]);
  const s = await staff.newPage();
  await staffSignIn(s, 'ga.window', 'PalmHall-staff-2026');
  await s.goto('/staff/ratings');
  const w = s.locator('[data-window="W02"]');
  await expect(w.getByRole('heading')).toContainText('本月好评率');
  const line = w.locator('.rating-line').filter({ hasText: comment });
  await expect(line).toContainText('非常不满意');
  await expect(line).toContainText('服务态度');
  await expect(line).toContainText(`回访电话 ${phone.slice(0, 3)}****${phone.slice(-4)}`);
  await expectAccessible(s);
  await staff.close();
});

test("the window screen's token works for five minutes; an older one is refused with its message", async ({ page, setClock, expectAccessible }) => {
  await setClock(MONDAY);
  // Too old: said at once, before anything is typed.
  await page.goto(`/rate/w/W02?t=${screenToken('W02', MONDAY_SECS - 600)}`);
  await expect(page.getByRole('alert')).toContainText('这个二维码已过期');
  await expect(page.getByRole('button', { name: '提交评价' })).toHaveCount(0);
  await expect(page).toHaveTitle(/^错误：评价服务/);
  await expectAccessible();
  // Shown two minutes ago: the page keeps the rating open while the person fills it in.
  await page.goto(`/rate/w/W02?t=${screenToken('W02', MONDAY_SECS - 120)}`);
  await page.locator('label[for="level-satisfied"]').click();
  await setClock('2026-12-07T10:20:00+08:00');
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.locator('.panel__title')).toHaveText('感谢您的评价');
});

test('a placard rating of a window that served nobody is flagged for the administrator; the department sees it', async ({ page, browser, setClock, expectAccessible }, testInfo) => {
  // Before opening time: the window finished nothing in the hour before.
  const early = '2026-12-07T07:40:00+08:00';
  await setClock(early);
  await page.goto('/rate/w/W01');
  const comment = `<script>alert(1)</script>贴纸评价 ${testInfo.project.name} ${Date.now()}`;
  await page.locator('label[for="level-satisfied"]').click();
  await page.getByLabel('意见和建议（选填）').fill(comment);
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.locator('.panel__title')).toHaveText('感谢您的评价');

  const as = async (username: string, password: string, path: string) => {
    const ctx = await browser.newContext({ ...testInfo.project.use });
    await ctx.addCookies([{ name: 'palm_now', value: encodeURIComponent(early), url: testInfo.project.use.baseURL! }]);
    const p = await ctx.newPage();
    await staffSignIn(p, username, password);
    await p.goto(path);
    return { ctx, p };
  };
  // The administrator's list of flagged ratings: there, with why, the comment shown as text.
  const admin = await as('admin', 'PalmHall-admin-2026', '/admin');
  await admin.p.getByRole('link', { name: '需核查的评价' }).click();
  await expect(admin.p.getByRole('heading', { level: 1 })).toHaveText('需核查的评价');
  const line = admin.p.locator('[data-window="W01"] .rating-line').filter({ hasText: comment });
  await expect(line).toContainText('评价前一小时该窗口没有办结业务');
  await expect(line).toContainText('贴纸二维码');
  await expectAccessible(admin.p);
  await admin.ctx.close();
  // The department's reviewer sees the window's ratings (and the department's online cases).
  const reviewer = await as('ga.review', 'PalmHall-staff-2026', '/staff');
  await reviewer.p.getByRole('link', { name: '评价', exact: true }).click();
  await expect(reviewer.p.locator('[data-window="W01"] .rating-line').filter({ hasText: comment })).toContainText('满意');
  // Its online cases' ratings have a place of their own (a heading, or the line of those not rated this month).
  await expect(reviewer.p.locator('[data-window="cases:GA"]')).toContainText('公安 网上办件');
  await expectAccessible(reviewer.p);
  await reviewer.ctx.close();
});

test('the administrator prints every window placard of a point in one run', async ({ page, expectAccessible }) => {
  await staffSignIn(page, 'admin', 'PalmHall-admin-2026');
  await page.goto('/admin');
  await page.getByRole('link', { name: '评价二维码贴纸' }).click();
  const placards = page.locator('.placard');
  await expect(placards.first()).toContainText('公安窗口1');
  expect(await placards.count()).toBeGreaterThan(10);
  await expect(placards.first().locator('.qr svg')).toBeVisible();
  await expect(placards.first().locator('.placard__url')).toHaveText(/\/rate\/w\/W01$/);
  await expect(placards.first()).toContainText('非常满意 · 满意 · 基本满意 · 不满意 · 非常不满意');
  await expectAccessible();
  // Another point, chosen by the form.
  await page.getByLabel('服务网点').selectOption('530127001');
  await page.getByRole('button', { name: '显示' }).click();
  await expect(page).toHaveURL(/point=530127001/);
  await expect(page.locator('.no-print')).toContainText('嵩阳');
});
