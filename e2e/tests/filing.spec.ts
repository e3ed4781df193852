import path from 'node:path';
import { test, expect, freshPhone, signInHere } from './fixtures';
import type { Page } from '@playwright/test';

// Saturday 5 December 2026, 22:14: filed after hours at the weekend, received on Monday 7 December.
const SATURDAY_NIGHT = '2026-12-05T22:14:00+08:00';
const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);

/** Chooses the first village of the address question on this page and types the rest of the address. */
async function fillAddress(page: Page, detail: string) {
  await page.getByLabel('乡镇（街道）和村（社区）').selectOption({ index: 1 });
  await page.getByLabel('详细地址').fill(detail);
}

async function saveAndContinue(page: Page) {
  await page.getByRole('button', { name: '保存并继续' }).click();
}

function task(page: Page, name: string) {
  return page.locator('.task-list__item').filter({ hasText: name });
}

test('file SJ-001 from its guide page with a photo and a PDF, postal delivery, a change through 修改, and submit once', async ({ page, setClock, expectAccessible }) => {
  // The whole journey with an axe scan on every page: about 45 s without JavaScript on a 2-core machine.
  test.setTimeout(120_000);
  await setClock(SATURDAY_NIGHT);
  await page.goto('/guide/SJ-001');
  await page.getByRole('button', { name: '在线办理' }).click();
  // Sign-in first, then back to the start page.
  await expect(page).toHaveURL(/\/signin/);
  await signInHere(page, freshPhone());
  await expect(page).toHaveURL(/\/apply\/SJ-001$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('网上申报');
  await expect(page.getByText('经营者居民身份证')).toBeVisible();
  await expectAccessible();
  await page.getByRole('button', { name: '开始申请' }).click();

  // The task list: every task not started, the submit waiting.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('网上申报');
  await expect(task(page, '申请人信息')).toContainText('未开始');
  await expect(task(page, '确认提交')).toContainText('暂不能开始');
  await expectAccessible();
  const draftUrl = page.url();

  // 申请人信息 with a wrong ID number: named in the summary and beside the field, every other answer kept.
  await page.getByRole('link', { name: '申请人信息' }).click();
  await page.getByLabel('经营者姓名').fill('<b>王秀英</b>');
  await page.getByLabel('经营者身份证号码').fill('110105194912310021');
  await page.getByLabel('联系电话').fill('13812345678');
  await fillAddress(page, '玉明路3号');
  await saveAndContinue(page);
  await expect(page).toHaveTitle(/^错误：申请人信息/);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('经营者身份证号码有误，请对照身份证核对每一位');
  await expect(page.locator('#id_number-error')).toContainText('经营者身份证号码有误');
  await expect(page.getByLabel('经营者姓名')).toHaveValue('<b>王秀英</b>');
  await expect(page.getByLabel('经营者身份证号码')).toHaveValue('110105194912310021');
  await expect(page.getByLabel('联系电话')).toHaveValue('13812345678');
  await expect(page.getByLabel('详细地址')).toHaveValue('玉明路3号');
  await expectAccessible();
  await summary.getByRole('link', { name: /经营者身份证号码有误/ }).click();
  await page.getByLabel('经营者身份证号码').fill('11010519491231002X');
  await saveAndContinue(page);
  await expect(task(page, '申请人信息')).toContainText('已完成');

  // 申请事项.
  await page.getByRole('link', { name: '申请事项' }).click();
  await page.getByLabel('个人经营').check();
  await page.getByLabel('经营范围').fill('餐饮服务；预包装食品销售');
  await fillAddress(page, '兰茂路12号');
  await page.getByLabel('资金数额（万元）').fill('5');
  await page.getByLabel('从业人数').fill('2');
  await expectAccessible();
  await saveAndContinue(page);
  await expect(task(page, '申请事项')).toContainText('已完成');

  // Upload: a photo of the ID card; a PDF with a PNG inside refused; the application form as a PDF.
  await page.getByRole('link', { name: '上传材料' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('上传材料');
  await expectAccessible();
  await page.getByRole('link', { name: '经营者居民身份证' }).click();
  const file = page.getByLabel('选择文件');
  await expect(file).toHaveAttribute('accept', 'image/jpeg,image/png,application/pdf');
  await file.setInputFiles(fixture('renamed.pdf'));
  await page.getByRole('button', { name: '上传并继续' }).click();
  // Checked in the browser before sending (js) or by the server (nojs): the same words beside the field.
  await expect(page.locator('#file-error')).toContainText('经营者居民身份证的文件名是PDF 文件，但内容是PNG 图片');
  await expectAccessible();
  await page.getByLabel('选择文件').setInputFiles(fixture('id-card.png'));
  await page.getByRole('button', { name: '上传并继续' }).click();
  await expect(task(page, '经营者居民身份证')).toContainText('已上传');
  await page.getByRole('link', { name: '个体工商户登记（备案）申请书' }).click();
  await page.getByLabel('选择文件').setInputFiles(fixture('application-form.pdf'));
  await page.getByRole('button', { name: '上传并继续' }).click();
  await expect(task(page, '个体工商户登记（备案）申请书')).toContainText('已上传');
  // The photo is shown back as a thumbnail, served only to its owner.
  await page.getByRole('link', { name: '经营者居民身份证' }).click();
  await expect(page.locator('.upload-preview__thumb')).toBeVisible();
  await expect(page.locator('.upload-preview')).toContainText('id-card.png');
  const src = await page.locator('.upload-preview__thumb').getAttribute('src');
  expect(src).toMatch(/^\/files\/[^/]+\/thumb$/);
  const thumb = await page.request.get(src!);
  expect(thumb.status()).toBe(200);
  expect(thumb.headers()['content-type']).toBe('image/jpeg');
  const own = await page.request.get(src!.replace(/\/thumb$/, ''));
  expect(own.headers()['content-type']).toBe('image/png');
  expect((await own.body()).length).toBe(69);
  await expectAccessible();
  await page.getByRole('link', { name: '不更换，继续' }).click();
  await page.getByRole('link', { name: '返回任务列表' }).click();
  await expect(task(page, '上传材料')).toContainText('已完成');

  // Free postal delivery to an address.
  await page.getByRole('link', { name: '结果领取方式' }).click();
  await page.getByLabel('免费邮寄').check();
  await page.getByLabel('收件人', { exact: true }).fill('王秀英');
  await page.getByLabel('收件人手机号码').fill('13812345678');
  await fillAddress(page, '玉明路3号');
  await expectAccessible();
  await saveAndContinue(page);
  await expect(task(page, '结果领取方式')).toContainText('已完成');

  // Check answers; change the trade name through 修改 and come back to check answers.
  await page.getByRole('link', { name: '确认提交' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('提交前请核对');
  await expect(page.locator('#name')).toContainText('<b>王秀英</b>');
  await expect(page.locator('#form')).toContainText('个人经营');
  await expect(page.locator('#delivery')).toContainText('免费邮寄：王秀英，13812345678');
  await expectAccessible();
  await page.locator('#trade_name').getByRole('link', { name: /修改/ }).click();
  await page.getByLabel('个体工商户名称（选填）').fill('嵩明县<i>秀英</i>小吃店');
  await saveAndContinue(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('提交前请核对');
  await expect(page.locator('#trade_name')).toContainText('嵩明县<i>秀英</i>小吃店');

  // Submit → the confirmation with the case number and the receipt date in words.
  await page.getByRole('button', { name: '承诺并提交' }).click();
  await expect(page.locator('.panel__title')).toHaveText('申请已提交');
  const number = (await page.locator('.panel__reference').textContent())!.trim();
  expect(number).toMatch(/^SM20261207\d{5}$/);
  await expect(page.getByText('您于周六 22:14 提交，收件日为12月7日（周一）。')).toBeVisible();
  await expect(page.getByRole('heading', { name: '接下来' })).toBeVisible();
  await expectAccessible();

  // The application's pages opened again (the back button, another tab) lead to the case, not to an error.
  await page.goto(draftUrl + '/check');
  await expect(page).toHaveURL(new RegExp(`/cases/${number}$`));
  await expect(page.locator('.panel__reference')).toHaveText(number);

  // 我的办件 shows it.
  await page.goto('/cases');
  const line = page.locator('.booking-line').filter({ hasText: number });
  await expect(line).toContainText('个体工商户营业执照设立登记');
  await expect(line).toContainText('待受理');
  await expectAccessible();

  // Another application, left half-done, is in 我的草稿.
  await page.goto('/apply/GA-009');
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.getByRole('link', { name: '申请人信息' }).click();
  await page.getByLabel('申请人姓名').fill('王秀英');
  await saveAndContinue(page);
  // Kept, and back with what is still missing.
  await expect(page.locator('#mobile-error')).toBeVisible();
  await page.goto('/drafts');
  const draft = page.locator('.booking-line').filter({ hasText: '无犯罪记录证明开具' });
  await expect(draft).toContainText('已完成0/4项');
  await expectAccessible();
  await draft.getByRole('link', { name: '无犯罪记录证明开具' }).click();
  await expect(task(page, '申请人信息')).toContainText('未完成');
});

test('a file is shown to its applicant only, and a draft to its owner only', async ({ page, browser, setClock }, testInfo) => {
  await setClock(SATURDAY_NIGHT);
  await page.goto('/apply/GA-009');
  await signInHere(page, freshPhone());
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.getByRole('link', { name: '上传材料' }).click();
  await page.getByRole('link', { name: '申请人居民身份证' }).click();
  await page.getByLabel('选择文件').setInputFiles(fixture('id-card.png'));
  await page.getByRole('button', { name: '上传并继续' }).click();
  await page.getByRole('link', { name: '申请人居民身份证' }).click();
  const src = await page.locator('.upload-preview__thumb').getAttribute('src');
  const draftUrl = page.url().replace(/\/m\/m1$/, '');

  // Someone else, signed in, gets "not found" for both.
  const other = await browser.newContext({ ...testInfo.project.use });
  const them = await other.newPage();
  await them.goto('/signin');
  await signInHere(them, freshPhone());
  expect((await them.request.get(src!)).status()).toBe(404);
  await them.goto(draftUrl);
  await expect(them.getByRole('heading', { level: 1 })).toHaveText('抱歉，服务暂时出现问题');
  await expect(them.getByText('找不到该申请草稿')).toBeVisible();
  await other.close();
});

test('a phone photo of several megabytes is taken; one over the 10 MB limit is refused by name', async ({ page, setClock, expectAccessible }) => {
  await setClock(SATURDAY_NIGHT);
  await page.goto('/apply');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('网上申报');
  await expectAccessible();
  await page.getByRole('link', { name: '无犯罪记录证明开具' }).click();
  await signInHere(page, freshPhone());
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.getByRole('link', { name: '上传材料' }).click();
  await page.getByRole('link', { name: '申请人居民身份证' }).click();
  // As a phone's camera makes them: a JPEG's first bytes, then megabytes.
  const jpeg = (mb: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(mb * 1024 * 1024)]);
  await page.getByLabel('选择文件').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: jpeg(11) });
  await page.getByRole('button', { name: '上传并继续' }).click();
  await expect(page.locator('#file-error')).toContainText('申请人居民身份证的文件不能超过 10 MB');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请人居民身份证');
  await page.getByLabel('选择文件').setInputFiles({ name: 'IMG_2042.jpg', mimeType: 'image/jpeg', buffer: jpeg(3) });
  await page.getByRole('button', { name: '上传并继续' }).click();
  await expect(task(page, '申请人居民身份证')).toContainText('已上传');
  await page.getByRole('link', { name: '申请人居民身份证' }).click();
  await expect(page.locator('.upload-preview')).toContainText('IMG_2042.jpg');
  await expect(page.locator('.upload-preview')).toContainText('3.0 MB');
  // Removed, it is gone from the list.
  await page.getByRole('button', { name: '删除此文件' }).click();
  await expect(page.locator('.upload-preview')).toHaveCount(0);
});

test('a household is entered a person at a time without JavaScript, and Enter still continues', async ({ page, setClock }) => {
  await setClock(SATURDAY_NIGHT);
  await page.goto('/apply/MZ-004');
  await signInHere(page, freshPhone());
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.getByRole('link', { name: '家庭成员' }).click();
  const row = (n: number) => page.getByRole('group', { name: `第${n}位` });
  await row(1).getByLabel('姓名').fill('李<u>芳</u>');
  await row(1).getByLabel('与申请人关系').fill('配偶');
  await page.getByRole('button', { name: '保存并再添加一位' }).click();
  // Back on the same page: the first person kept, a blank second row offered.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('家庭成员');
  await expect(row(1).getByLabel('姓名')).toHaveValue('李<u>芳</u>');
  await expect(row(2).getByLabel('姓名')).toHaveValue('');
  await row(2).getByLabel('姓名').fill('李明');
  await row(2).getByLabel('与申请人关系').press('Enter');
  // Enter is 保存并继续 (not 再添加一位, which names no problems yet): saved, checked, the missing ID numbers named.
  await expect(page).toHaveURL(/\/apply\/d\/[0-9a-f]+\/s\/household$/);
  await expect(page.getByRole('alert')).toContainText('身份证号码');
});
