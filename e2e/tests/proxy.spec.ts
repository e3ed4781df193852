import path from 'node:path';
import { test, expect, freshPhone, masked, pageAt, postAndSubmit, signInHere, smsTo, staffSignIn, uploadMaterial } from './fixtures';
import type { Browser, Page, TestInfo } from '@playwright/test';

// Proxy filing (代办, issue 20): the centre grants a village proxy agent; the agent files for a villager with the
// villager's SMS consent, and the villager finds the case by signing in with that phone; for a villager with no
// phone the agent uploads the signed consent form, prints the receipt, and answers the correction request.

// Monday 7 December 2026, 10:00.
const MONDAY = '2026-12-07T10:00:00+08:00';
const STATION = '530127001005'; // 山脚社区便民服务站, under the 嵩阳街道 town centre
const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);

function task(page: Page, name: string) {
  return page.locator('.task-list__item').filter({ hasText: name });
}

/** The centre administrator grants the proxy-agent role for the station to `phone`. */
async function grantAgent(browser: Browser, testInfo: TestInfo, phone: string, name: string, expectAccessible: (p?: Page) => Promise<void>) {
  const centre = await pageAt(browser, testInfo, MONDAY);
  await staffSignIn(centre, 'admin', 'PalmHall-admin-2026');
  await centre.goto('/admin/agents');
  await centre.getByLabel('代办员姓名').fill(name);
  await centre.getByLabel('代办员手机号码').fill(phone);
  await centre.getByLabel('便民服务站').selectOption(STATION);
  await centre.getByRole('button', { name: '授权', exact: true }).click();
  await expect(centre.locator('.choice-list')).toContainText(`${name} ${masked(phone)} · 山脚社区便民服务站`);
  await expectAccessible(centre);
  await centre.context().close();
}

/** Starts an application for a villager on /agent. */
async function startFor(page: Page, name: string, id: string, phone: string | null) {
  await page.goto('/agent');
  await page.getByLabel('代办事项').selectOption('GA-009');
  await page.getByLabel('村民姓名').fill(name);
  await page.getByLabel('村民身份证号码').fill(id);
  if (phone) await page.getByLabel('村民手机号码').fill(phone);
  else await page.getByLabel(/村民没有手机/).check();
  await page.getByRole('button', { name: '继续' }).click();
}

/** The rest of GA-009 after the applicant's section (prefilled with the villager's), then submit: the case number. */
async function fillAndSubmit(page: Page, mobile: string, consentForm: boolean) {
  await page.getByRole('link', { name: '申请人信息' }).click();
  await page.getByLabel('联系电话').fill(mobile);
  await page.getByRole('button', { name: '保存并继续' }).click();
  await expect(task(page, '申请人信息')).toContainText('已完成');
  await page.getByRole('link', { name: '申请事项' }).click();
  await page.getByLabel('就业、入职').check();
  await page.getByLabel('本人办理').check();
  await page.getByRole('button', { name: '保存并继续' }).click();
  await page.getByRole('link', { name: '上传材料' }).click();
  await uploadMaterial(page, '申请人居民身份证', 'id-card.png');
  if (consentForm) await uploadMaterial(page, '代办委托书（村民签字）及村民身份证照片', 'id-card.png');
  await page.getByRole('link', { name: '返回任务列表' }).click();
  return postAndSubmit(page, '李四', mobile, '山脚村12号');
}

test('a proxy agent files for a villager with the villager\'s SMS consent; the villager signs in with that phone and finds the case', async ({ page, browser, setClock, expectAccessible }, testInfo) => {
  test.setTimeout(180_000);
  await setClock(MONDAY);
  const agentPhone = freshPhone();
  const villagerPhone = freshPhone();
  await grantAgent(browser, testInfo, agentPhone, '杨<b>丽</b>', expectAccessible);

  await page.goto('/signin?next=/agent');
  await signInHere(page, agentPhone);
  await expect(page).toHaveURL(/\/agent$/);
  await expectAccessible();
  // A mistyped ID number is named; what was typed stays.
  await startFor(page, '李四', '530127195001010018', villagerPhone);
  await expect(page.getByRole('alert')).toContainText('村民身份证号码有误');
  await expect(page.getByLabel('村民姓名')).toHaveValue('李四');
  await expect(page.getByLabel('村民手机号码')).toHaveValue(villagerPhone);
  await expectAccessible();
  await page.getByLabel('村民身份证号码').fill('530127195001010019');
  await page.getByLabel('代办事项').selectOption('GA-009');
  await page.getByRole('button', { name: '继续' }).click();

  // The villager's phone gets the code; read back to the agent. A wrong one first.
  await expect(page).toHaveURL(/\/agent\/d\/[0-9a-f]+\/consent$/);
  await expect(page.locator('main')).toContainText(masked(villagerPhone));
  await expectAccessible();
  const consentUrl = page.url();
  const sms = await smsTo(page, villagerPhone);
  await expect(sms.first()).toContainText('授权验证码');
  await expect(sms.first()).toContainText('代办员杨<b>丽</b>将为您代办“无犯罪记录证明开具”');
  const code = (await sms.first().locator('.sms-list__body').textContent())!.match(/授权验证码(\d{6})/)![1];
  await page.goto(consentUrl);
  await page.getByLabel('授权验证码').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '确认授权' }).click();
  await expect(page.getByRole('alert')).toContainText('授权验证码不正确');
  await page.getByLabel('授权验证码').fill(code);
  await page.getByRole('button', { name: '确认授权' }).click();
  await expect(page).toHaveURL(/\/apply\/d\/[0-9a-f]+$/);
  await expect(page.locator('.panel')).toContainText('代办：为村民 李四 申请');
  await page.getByRole('link', { name: '申请人信息' }).click();
  await expect(page.getByLabel('申请人姓名')).toHaveValue('李四');
  await expect(page.getByLabel('申请人身份证号码')).toHaveValue('530127195001010019');
  await page.goBack();
  const number = await fillAndSubmit(page, villagerPhone, false);
  await expect((await smsTo(page, villagerPhone)).filter({ hasText: number })).toContainText('代办员杨<b>丽</b>已为您提交');

  // The villager signs in with that phone and finds the case, filed by the agent.
  const villager = await pageAt(browser, testInfo, MONDAY);
  await villager.goto('/signin?next=/cases');
  await signInHere(villager, villagerPhone);
  await expect(villager).toHaveURL(/\/cases$/);
  const line = villager.locator('.booking-line').filter({ hasText: number });
  await expect(line).toContainText('由山脚社区便民服务站代办员 杨<b>丽</b> 代为申请');
  await expectAccessible(villager);
  await line.getByRole('link').click();
  await expect(villager).toHaveURL(new RegExp(`/track/${number}$`));
  // The agent's list has it, with the villager's name while it is open.
  await page.goto('/agent');
  await expect(page.locator(`[data-case="${number}"]`)).toContainText('李四');
});

test('a villager with no phone gets the printable receipt; the agent receives the correction request and answers it', async ({ page, browser, setClock, expectAccessible }, testInfo) => {
  test.setTimeout(180_000);
  await setClock(MONDAY);
  const agentPhone = freshPhone();
  await grantAgent(browser, testInfo, agentPhone, '赵代办', expectAccessible);
  await page.goto('/signin?next=/agent');
  await signInHere(page, agentPhone);
  await startFor(page, '王<i>五</i>', '53012719500101006X', null);
  // No code to read back: the signed consent form is a material of the application.
  await expect(page).toHaveURL(/\/apply\/d\/[0-9a-f]+$/);
  await expect(page.locator('.panel')).toContainText('代办：为村民 王<i>五</i> 申请');
  await expect(task(page, '上传材料')).toBeVisible();
  const number = await fillAndSubmit(page, agentPhone, true);

  // The printable receipt: the number and how to look the case up.
  await page.goto('/agent');
  await page.locator(`[data-case="${number}"]`).getByRole('link', { name: '打印回执' }).click();
  await expect(page).toHaveURL(new RegExp(`/agent/receipts/${number}$`));
  await expect(page.locator('.notice')).toContainText(number);
  await expect(page.locator('.notice')).toContainText('身份证号码的后四位');
  await expect(page.locator('.notice')).toContainText('王********');
  await expect(page.locator('.notice__qr svg')).toBeVisible();
  await expectAccessible();

  // The clerk asks for the ID card again; the agent is told, and answers.
  const clerk = await pageAt(browser, testInfo, '2026-12-07T10:30:00+08:00');
  await staffSignIn(clerk, 'ga.window', 'PalmHall-staff-2026');
  await clerk.goto(`/staff/cases/${number}`);
  await expect(clerk.locator('.summary-list').first()).toContainText('代办员 赵代办 代为申请');
  await clerk.getByRole('link', { name: '填写一次性告知书' }).click();
  await clerk.locator('[id="pick:m:m1"]').check();
  await clerk.locator('[id="problem:m:m1"]').fill('照片反光，号码看不清');
  await clerk.locator('[id="bring:m:m1"]').fill('请在自然光下重新拍摄');
  await clerk.getByRole('button', { name: '发出一次性告知' }).click();
  await expect(clerk.getByRole('heading', { level: 1 })).toHaveText('一次性告知书');

  await page.context().addCookies([{ name: 'palm_now', value: encodeURIComponent('2026-12-07T11:00:00+08:00'), url: new URL(page.url()).origin }]);
  await expect((await smsTo(page, agentPhone)).filter({ hasText: number }).filter({ hasText: '补正' })).toHaveCount(1);
  await page.goto('/agent');
  await expect(page.locator(`[data-case="${number}"]`)).toContainText('待代办员补正');
  await page.goto(`/track/${number}`);
  await expect(page.locator('.todo h3')).toHaveText(['申请人居民身份证']);
  await expectAccessible();
  await page.getByLabel('选择申请人居民身份证的文件').setInputFiles(fixture('id-card.png'));
  await page.getByRole('button', { name: /^上传\s*申请人居民身份证$/ }).click();
  await expect(page.locator('.todo-item').first()).toContainText('已上传：id-card.png');
  await page.getByRole('button', { name: '提交补正' }).click();
  await expect(page.locator('.summary-list').first()).toContainText('待受理');

  // Anyone with the number and the last four of the villager's ID number finds it.
  const anon = await pageAt(browser, testInfo, MONDAY);
  await anon.goto('/track');
  await anon.getByLabel('办件编号').fill(number);
  await anon.getByLabel('号码后四位').fill('006x');
  await anon.getByRole('button', { name: '查询' }).click();
  await expect(anon).toHaveURL(new RegExp(`/track/${number}$`));

  // The town centre over the station sees the agent's work, the villager masked.
  const town = await pageAt(browser, testInfo, MONDAY);
  await staffSignIn(town, 'town.window', 'PalmHall-staff-2026');
  await town.goto('/staff/agents');
  const work = town.locator('.agent-work').filter({ hasText: masked(agentPhone) });
  await expect(work).toContainText('代办 1 件：无犯罪记录证明开具 1 件');
  await expect(work).toContainText('王********');
  await expectAccessible(town);
});
