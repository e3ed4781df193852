import { test, expect, freshPhone, masked, pageAt, postAndSubmit, signInHere, smsTo, uploadMaterial } from './fixtures';
import { freshUscc, inviteColleague, verify } from './enterprise';
import type { Page } from '@playwright/test';

// Enterprise accounts (issue 20): a citizen registers an enterprise, the centre verifies it, its administrator
// invites a colleague who files as the enterprise; the administrator sees the colleague's case; once removed, the
// colleague sees nothing of the enterprise.

// Monday 7 December 2026, 10:00.
const MONDAY = '2026-12-07T10:00:00+08:00';

function task(page: Page, name: string) {
  return page.locator('.task-list__item').filter({ hasText: name });
}

test('an enterprise administrator invites a colleague, who files; the administrator sees the case; removed, the colleague sees nothing', async ({ page, browser, setClock, expectAccessible }, testInfo) => {
  test.setTimeout(240_000);
  await setClock(MONDAY);
  const adminPhone = freshPhone();
  const uscc = freshUscc();
  const name = '<img src=x onerror=alert(1)>嵩明某某食品有限公司';

  // Registering: a mistyped check character is named, and nothing typed is lost.
  await page.goto('/signin?next=/enterprise');
  await signInHere(page, adminPhone);
  await expect(page).toHaveURL(/\/enterprise$/);
  await expectAccessible();
  const wrong = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
  await page.getByLabel('统一社会信用代码').fill(wrong);
  await page.getByLabel('企业名称').fill(name);
  await page.getByLabel('法定代表人姓名').fill('张三');
  await page.getByRole('button', { name: '登记' }).click();
  await expect(page.getByRole('alert')).toContainText('统一社会信用代码校验位不正确');
  await expect(page).toHaveTitle(/^错误：企业账号/);
  await expect(page.getByLabel('企业名称')).toHaveValue(name);
  await expect(page.getByLabel('统一社会信用代码')).toHaveValue(wrong);
  await expectAccessible();
  await page.getByLabel('统一社会信用代码').fill(uscc);
  await page.getByRole('button', { name: '登记' }).click();
  await expect(page).toHaveURL(new RegExp(`/enterprise/${uscc}$`));
  // Markup in the name is shown as text, in the heading and the title.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page).toHaveTitle(new RegExp('^<img src=x onerror=alert\\(1\\)>嵩明某某食品有限公司'));
  await expect(page.locator('.summary-list')).toContainText('待核验');
  await expectAccessible();

  // The centre verifies it (in the demo, by hand against the registry).
  await verify(browser, testInfo, MONDAY, uscc, name, expectAccessible);

  // The administrator invites a colleague by mobile number; told by SMS, they sign in with it and accept.
  await page.reload();
  await expect(page.locator('.summary-list')).toContainText('已核验');
  const { colleague, phone: colleaguePhone } = await inviteColleague(page, browser, testInfo, MONDAY, uscc, async (colleague, phone) => {
    await expect((await smsTo(colleague, phone)).first()).toContainText('邀请您作为企业经办人');
  }, expectAccessible);
  await expect(colleague.locator('#members li')).toHaveCount(2);
  await expectAccessible(colleague);
  // Only the administrator manages members.
  await expect(colleague.getByRole('button', { name: /^移除/ })).toHaveCount(0);

  // The colleague files 食品经营许可 as the enterprise: its code is filled in from the account.
  await colleague.goto('/apply/SJ-007');
  await colleague.getByLabel(`以企业名义：${name}`).check();
  await expectAccessible(colleague);
  await colleague.getByRole('button', { name: '开始申请' }).click();
  await expect(colleague.locator('.panel')).toContainText(`以企业名义申请：${name}（统一社会信用代码 ${uscc}）`);
  await colleague.getByRole('link', { name: '申请人信息' }).click();
  await colleague.getByLabel('法定代表人（负责人）姓名').fill('张三');
  await colleague.getByLabel('法定代表人（负责人）身份证号码').fill('11010519491231002X');
  await colleague.getByLabel('联系电话').fill(colleaguePhone);
  await colleague.getByRole('button', { name: '保存并继续' }).click();
  await colleague.getByRole('link', { name: '申请事项' }).click();
  await expect(colleague.getByLabel('统一社会信用代码')).toHaveValue(uscc);
  await colleague.getByLabel('经营者名称').fill('嵩明某某食品有限公司');
  await colleague.getByLabel('乡镇（街道）和村（社区）').selectOption({ index: 1 });
  await colleague.getByLabel('详细地址').fill('玉明路3号');
  // With JavaScript a field's message shows as it is left: move on to the boxes first, as a thumb does, so the
  // tap is not on a box that the message above has just moved.
  await colleague.getByLabel('食品销售经营者').focus();
  await colleague.getByLabel('食品销售经营者').check();
  await colleague.getByLabel('预包装食品销售').check();
  await colleague.getByLabel('经营场所面积（平方米）').fill('60');
  await colleague.getByRole('button', { name: '保存并继续' }).click();
  await expect(task(colleague, '申请事项')).toContainText('已完成');
  await colleague.getByRole('link', { name: '上传材料' }).click();
  await uploadMaterial(colleague, '食品经营许可申请书', 'application-form.pdf');
  await uploadMaterial(colleague, '营业执照', 'id-card.png');
  await uploadMaterial(colleague, '与食品经营相适应的主要设备设施布局、操作流程等文件', 'application-form.pdf');
  await colleague.getByRole('link', { name: '返回任务列表' }).click();
  const number = await postAndSubmit(colleague, '张三', colleaguePhone, '玉明路3号');
  // A draft the colleague starts as the enterprise, to be seen by the administrator and then lost with the role.
  await colleague.goto('/apply/SJ-007');
  await colleague.getByLabel(`以企业名义：${name}`).check();
  await colleague.getByRole('button', { name: '开始申请' }).click();
  const draftUrl = colleague.url();

  // The administrator sees the colleague's case and draft.
  await page.goto('/cases');
  const line = page.locator('.booking-line').filter({ hasText: number });
  await expect(line).toContainText(`以企业名义申请：${name}`);
  await expectAccessible();
  await line.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/track/${number}$`));
  await page.goto('/drafts');
  await expect(page.locator('.booking-line').filter({ hasText: '食品经营许可证核发' })).toHaveCount(1);

  // The public lookup: the case number and the USCC's last four.
  const anon = await pageAt(browser, testInfo, MONDAY);
  await anon.goto('/track');
  await anon.getByLabel('办件编号').fill(number);
  await anon.getByLabel('号码后四位').fill(uscc.slice(-4).toLowerCase());
  await anon.getByRole('button', { name: '查询' }).click();
  await expect(anon).toHaveURL(new RegExp(`/track/${number}$`));

  // Removed: at once the colleague sees nothing of the enterprise, not even the draft they started.
  await page.goto(`/enterprise/${uscc}`);
  await page.getByRole('button', { name: `移除 ${masked(colleaguePhone)}` }).click();
  await expect(page.locator('#members li')).toHaveCount(1);
  await colleague.goto('/cases');
  await expect(colleague.locator('.booking-line')).toHaveCount(0);
  await colleague.goto('/drafts');
  await expect(colleague.locator('.booking-line')).toHaveCount(0);
  expect((await colleague.goto(`/track/${number}`))?.status()).toBe(404);
  expect((await colleague.goto(draftUrl))?.status()).toBe(404);
  expect((await colleague.goto(`/enterprise/${uscc}`))?.status()).toBe(404);
  await colleague.goto('/enterprise');
  await expect(colleague.getByRole('link', { name })).toHaveCount(0);
  // The administrator still has both.
  await page.goto('/cases');
  await expect(page.locator('.booking-line').filter({ hasText: number })).toHaveCount(1);
});
