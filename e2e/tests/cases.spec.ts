import path from 'node:path';
import { test, expect, freshPhone, runJobs, signInHere, smsTo, staffSignIn } from './fixtures';
import type { Browser, Page, TestInfo } from '@playwright/test';

// Monday 7 December 2026, 10:00: filed, corrected, accepted, decided and posted over the following days.
const MONDAY = '2026-12-07T10:00:00+08:00';
const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);

/** A page in a new browser context of this project (js or nojs) on the test clock at `iso`. */
async function pageAt(browser: Browser, testInfo: TestInfo, iso: string): Promise<Page> {
  const context = await browser.newContext({ ...testInfo.project.use });
  await context.addCookies([{ name: 'palm_now', value: encodeURIComponent(iso), url: testInfo.project.use.baseURL ?? 'http://127.0.0.1:3100' }]);
  return context.newPage();
}

/** A member of staff signed in, in a new context at `iso` (staff sessions end after idle time on the test clock). */
async function staffAt(browser: Browser, testInfo: TestInfo, iso: string, username: string): Promise<Page> {
  const p = await pageAt(browser, testInfo, iso);
  await staffSignIn(p, username, 'PalmHall-staff-2026');
  await expect(p).toHaveURL(/\/staff$/);
  return p;
}

async function at(page: Page, iso: string) {
  await page.context().addCookies([{ name: 'palm_now', value: encodeURIComponent(iso), url: new URL(page.url()).origin }]);
}

async function saveAndContinue(page: Page) {
  await page.getByRole('button', { name: '保存并继续' }).click();
}

function task(page: Page, name: string) {
  return page.locator('.task-list__item').filter({ hasText: name });
}

/** Fills a GA-009 application (无犯罪记录证明) from its task list: the applicant, the matter, the ID card. */
async function fillGa009(page: Page, name: string, mobile: string) {
  await page.getByRole('link', { name: '申请人信息' }).click();
  await page.getByLabel('申请人姓名').fill(name);
  await page.getByLabel('申请人身份证号码').fill('11010519491231002X');
  await page.getByLabel('联系电话').fill(mobile);
  await saveAndContinue(page);
  await expect(task(page, '申请人信息')).toContainText('已完成');
  await page.getByRole('link', { name: '申请事项' }).click();
  await page.getByLabel('就业、入职').check();
  await page.getByLabel('本人办理').check();
  await saveAndContinue(page);
  await page.getByRole('link', { name: '上传材料' }).click();
  await page.getByRole('link', { name: '申请人居民身份证' }).click();
  await page.getByLabel('选择文件').setInputFiles(fixture('id-card.png'));
  await page.getByRole('button', { name: '上传并继续' }).click();
  await expect(task(page, '申请人居民身份证')).toContainText('已上传');
  await page.getByRole('link', { name: '返回任务列表' }).click();
}

/** Takes one step on the staff case page: the button in the step's own form. */
async function step(page: Page, event: string, button: string) {
  await page.locator(`form.case-step[data-event="${event}"]`).getByRole('button', { name: button }).click();
}

test('a case is corrected once, accepted, approved, completed and posted; the applicant and the public lookup follow every step', async ({ page, browser, setClock, expectAccessible }, testInfo) => {
  test.setTimeout(180_000);
  await setClock(MONDAY);
  const phone = freshPhone();
  await page.goto('/signin?next=/apply/GA-009');
  await signInHere(page, phone);
  await expect(page).toHaveURL(/\/apply\/GA-009$/);
  await page.getByRole('button', { name: '开始申请' }).click();
  await fillGa009(page, '<b>王秀英</b>', '13812345678');
  await page.getByRole('link', { name: '结果领取方式' }).click();
  await page.getByLabel('免费邮寄').check();
  await page.getByLabel('收件人', { exact: true }).fill('王秀英');
  await page.getByLabel('收件人手机号码').fill('13812345678');
  await page.getByLabel('乡镇（街道）和村（社区）').selectOption({ index: 1 });
  await page.getByLabel('详细地址').fill('玉明路3号');
  await saveAndContinue(page);
  await page.getByRole('link', { name: '确认提交' }).click();
  await page.getByRole('button', { name: '承诺并提交' }).click();
  await expect(page.locator('.panel__title')).toHaveText('申请已提交');
  const number = (await page.locator('.panel__reference').textContent())!.trim();

  // 我的办件: its state, its expected completion date.
  await page.goto('/cases');
  const line = page.locator('.booking-line').filter({ hasText: number });
  await expect(line).toContainText('待受理');
  await expect(line).toContainText('预计办结：2026年12月15日（周二）');

  // The clerk at the 公安 window finds it in the intake list and asks, once, for two materials.
  let clerk = await staffAt(browser, testInfo, '2026-12-08T09:30:00+08:00', 'ga.window');
  await clerk.goto('/staff/cases?state=submitted');
  await expect(clerk.locator(`[data-case="${number}"]`)).toContainText('正常');
  await clerk.locator(`[data-case="${number}"]`).getByRole('link').click();
  await expect(clerk.getByRole('heading', { level: 1 })).toHaveText('无犯罪记录证明开具');
  await expect(clerk.locator('.summary-list').first()).toContainText(phone);
  await expect(clerk.locator('.material-view img')).toHaveCount(1);
  await expectAccessible(clerk);
  await clerk.getByRole('link', { name: '填写一次性告知书' }).click();
  // Nothing ticked: told to choose.
  await clerk.getByRole('button', { name: '发出一次性告知' }).click();
  await expect(clerk.getByRole('alert')).toContainText('请至少选择一项需要补正的材料或内容');
  await clerk.locator('[id="pick:m:m1"]').check();
  await clerk.locator('[id="problem:m:m1"]').fill('照片反光，号码看不清');
  await clerk.locator('[id="bring:m:m1"]').fill('请在自然光下重新拍摄<script>正反面</script>');
  await clerk.locator('[id="pick:m:m2"]').check();
  await clerk.locator('[id="problem:m:m2"]').fill('缺少委托人签名');
  await clerk.locator('[id="bring:m:m2"]').fill('请上传签名后的授权委托书');
  await expectAccessible(clerk);
  await clerk.getByRole('button', { name: '发出一次性告知' }).click();
  // The printable one-time notice, with the case number as a QR code.
  await expect(clerk.getByRole('heading', { level: 1 })).toHaveText('一次性告知书');
  await expect(clerk.locator('.notice__items li')).toHaveCount(2);
  await expect(clerk.locator('.notice__items')).toContainText('请在自然光下重新拍摄<script>正反面</script>');
  await expect(clerk.locator('.notice__qr svg')).toBeVisible();
  await expectAccessible(clerk);

  // The citizen sees exactly those two, supplies them and sends the corrections.
  await at(page, '2026-12-09T20:00:00+08:00');
  await page.goto(`/track/${number}`);
  await expect(page.locator('.todo h3')).toHaveText(['申请人居民身份证', '授权委托书']);
  await expect(page.locator('.todo')).toContainText('请在自然光下重新拍摄<script>正反面</script>');
  await expect(page.locator('.summary-list').first()).toContainText('补正期间暂停计时');
  await expectAccessible();
  await page.getByRole('button', { name: '提交补正' }).click();
  await expect(page.getByRole('alert')).toContainText('请上传申请人居民身份证');
  await expect(page.getByRole('alert')).toContainText('请上传授权委托书');
  await page.getByLabel('选择申请人居民身份证的文件').setInputFiles(fixture('id-card.png'));
  await page.getByRole('button', { name: /^上传\s*申请人居民身份证$/ }).click();
  await expect(page.locator('.todo-item').first()).toContainText('已上传：id-card.png');
  await page.getByLabel('选择授权委托书的文件').setInputFiles(fixture('application-form.pdf'));
  await page.getByRole('button', { name: /^上传\s*授权委托书$/ }).click();
  await expect(page.locator('.todo-item').nth(1)).toContainText('已上传：application-form.pdf');
  await page.getByRole('button', { name: '提交补正' }).click();
  await expect(page.locator('.todo')).toHaveCount(0);
  await expect(page.locator('.summary-list').first()).toContainText('待受理');

  // The clerk accepts; the acceptance notice prints with its QR code.
  await clerk.context().close();
  clerk = await staffAt(browser, testInfo, '2026-12-10T09:00:00+08:00', 'ga.window');
  await clerk.goto(`/staff/cases/${number}`);
  await expect(clerk.locator('.material-view')).toHaveCount(3);
  await step(clerk, 'accept', '受理');
  await expect(clerk.locator('.tag').first()).toHaveText('审查中');
  await clerk.getByRole('link', { name: '打印受理通知书' }).click();
  await expect(clerk.getByRole('heading', { level: 1 })).toHaveText('受理通知书');
  await expect(clerk.locator('.notice__qr svg')).toBeVisible();

  // The reviewer approves.
  const reviewer = await staffAt(browser, testInfo, '2026-12-10T15:00:00+08:00', 'ga.review');
  await reviewer.goto(`/staff/cases/${number}`);
  await expect(reviewer.locator('form.case-step[data-event="accept"]')).toHaveCount(0);
  await step(reviewer, 'approve', '准予许可');
  await expect(reviewer.locator('.tag').first()).toHaveText('准予许可');

  // The clerk completes it and posts the result with a tracking number.
  await clerk.context().close();
  clerk = await staffAt(browser, testInfo, '2026-12-11T10:00:00+08:00', 'ga.window');
  await clerk.goto(`/staff/cases/${number}`);
  await step(clerk, 'complete', '办结');
  await at(clerk, '2026-12-11T10:20:00+08:00');
  await clerk.goto(`/staff/cases/${number}`);
  await clerk.getByLabel('快递公司').selectOption('ems');
  await clerk.getByLabel('运单号').fill('12');
  await step(clerk, 'deliver', '已寄出');
  await expect(clerk.getByRole('alert')).toContainText('请填写运单号');
  await clerk.getByLabel('运单号').fill('1180 2345 6789 0');
  await step(clerk, 'deliver', '已寄出');
  await expect(clerk.locator('.tag').first()).toHaveText('已送达');
  await expectAccessible(clerk);

  // The citizen's timeline: every step with its time; the shipment with the carrier's tracking page.
  await at(page, '2026-12-12T09:00:00+08:00');
  await page.goto(`/track/${number}`);
  const steps = page.locator('.timeline__label');
  const labels = ['提交申请', '一次性告知补正', '补正材料已提交', '受理', '审查通过，准予许可', '办结', '送达'];
  await expect(steps).toHaveText(labels);
  await expect(page.locator('.timeline__when').nth(1)).toContainText('2026年12月08日 09:30');
  await expect(page.locator('.timeline__when').nth(4)).toContainText('2026年12月10日 15:00');
  await expect(page.locator('.summary-list').first()).toContainText('中国邮政EMS，运单号 1180234567890');
  await expect(page.getByRole('link', { name: /在中国邮政EMS网站查询邮件/ })).toHaveAttribute('href', /1180234567890/);
  await expectAccessible();

  // Anyone with the number and the last four digits of the phone sees the same steps, and nobody's data.
  const anon = await pageAt(browser, testInfo, '2026-12-12T09:00:00+08:00');
  await anon.goto('/track');
  await anon.getByLabel('办件编号').fill(number);
  await anon.getByLabel('号码后四位').fill('0000');
  await anon.getByRole('button', { name: '查询' }).click();
  await expect(anon.getByRole('alert')).toContainText('办件编号或号码后四位不正确');
  await expectAccessible(anon);
  await anon.getByLabel('号码后四位').fill(phone.slice(-4));
  await anon.getByRole('button', { name: '查询' }).click();
  await expect(anon).toHaveURL(new RegExp(`/track/${number}$`));
  await expect(anon.locator('.timeline__label')).toHaveText(labels);
  const shown = await anon.locator('main').textContent();
  for (const personal of ['王秀英', phone, '13812345678', '11010519491231002X', '玉明路3号', 'id-card.png']) {
    expect(shown).not.toContain(personal);
  }
  await expectAccessible(anon);

  // 一事一评 (issue 19): the completion invited the rating by SMS and notice; still unrated three days later, the
  // ratings job reminds once.
  const invites = (await smsTo(anon, phone)).filter({ hasText: '欢迎对本次办事服务作出评价' });
  await expect(invites).toHaveCount(1);
  await expect(invites).toContainText(`/rate/c/${number}`);
  await at(anon, '2026-12-14T09:59:00+08:00');
  await runJobs(anon, 'ratings');
  await expect((await smsTo(anon, phone)).filter({ hasText: '办结已3天' })).toHaveCount(0);
  await at(anon, '2026-12-14T10:01:00+08:00');
  await runJobs(anon, 'ratings');
  await runJobs(anon, 'ratings');
  await expect((await smsTo(anon, phone)).filter({ hasText: '办结已3天' })).toHaveCount(1);
  // The applicant follows the notice and rates, once.
  await at(page, '2026-12-14T11:00:00+08:00');
  await page.goto('/notices');
  await page.locator(`a[href="/rate/c/${number}"]`).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('评价服务');
  await page.locator('label[for="level-very_satisfied"]').click();
  await page.getByLabel('办事效率').check();
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.locator('.panel__title')).toHaveText('感谢您的评价');
  await page.goto(`/rate/c/${number}`);
  await expect(page.getByRole('status')).toContainText('评价过这次服务：非常满意');
  await Promise.all([clerk, reviewer, anon].map((p) => p.context().close()));
});

test('a clerk files a case at the counter for a walk-in, who is told by SMS', async ({ page, setClock, expectAccessible }) => {
  test.setTimeout(120_000);
  await setClock(MONDAY);
  await staffSignIn(page, 'ga.window', 'PalmHall-staff-2026');
  await page.goto('/staff');
  await page.getByRole('link', { name: '窗口收件' }).click();
  await page.getByLabel('办理事项').selectOption('GA-009');
  await page.getByLabel('申请人手机号码').fill('12345');
  await page.getByRole('button', { name: '开始录入' }).click();
  await expect(page.getByRole('alert')).toContainText('请填写申请人的11位手机号码');
  await expect(page.getByLabel('办理事项')).toHaveValue('GA-009');
  await expectAccessible();
  const walkIn = freshPhone();
  await page.getByLabel('申请人手机号码').fill(walkIn);
  await page.getByRole('button', { name: '开始录入' }).click();
  await fillGa009(page, '赵大爷', walkIn);
  await page.getByRole('link', { name: '结果领取方式' }).click();
  await page.getByLabel('窗口领取').check();
  await page.getByLabel('嵩明县政务服务中心', { exact: true }).check();
  await saveAndContinue(page);
  await page.getByRole('link', { name: '确认提交' }).click();
  await page.getByRole('button', { name: '承诺并提交' }).click();
  // On to the case in the staff console: the walk-in's, filed at the counter.
  await expect(page).toHaveURL(/\/staff\/cases\/SM\d{13}$/);
  const number = page.url().split('/').pop()!;
  await expect(page.locator('.summary-list').first()).toContainText('窗口收件');
  await expect(page.locator('.summary-list').first()).toContainText(walkIn);
  await expect(page.locator('.timeline__by').first()).toContainText('窗口工作人员');
  await expectAccessible();
  // The walk-in is told by SMS, with the signed link to the case.
  await page.request.post('/dev/jobs/run', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: 'job=notifications' });
  await page.goto('/dev/sms');
  const sms = page.locator(`.sms-list__item[data-phone="${walkIn}"] .sms-list__body`).first();
  await expect(sms).toContainText(`办件编号${number}`);
  const link = (await sms.textContent())!.match(/https?:\/\/\S+\/track\/\S+/)![0];
  // The SMS link opens the case's steps without signing in.
  await page.context().clearCookies();
  await setClock(MONDAY);
  await page.goto(new URL(link).pathname + new URL(link).search);
  await expect(page.locator('.timeline__label')).toHaveText(['提交申请']);
  await expect(page.locator('main')).not.toContainText('赵大爷');
});
