import { test, expect, freshPhone, goOffline, goOnline, masked, signInHere, storedOnPhone } from './fixtures';
import { freshUscc, inviteColleague, verify } from './enterprise';

// Enterprise accounts (issue 20), with JavaScript: a removed member's phone drops the enterprise's draft it kept
// (IndexedDB) at its next sync, which the server answers "not found".

const MONDAY = '2026-12-07T10:00:00+08:00';

test('a removed member\'s phone drops the enterprise draft it kept, at its next sync', async ({ page, browser, setClock }, testInfo) => {
  test.setTimeout(120_000);
  await setClock(MONDAY);
  const uscc = freshUscc();
  const name = '嵩明某某商贸有限公司';
  await page.goto('/signin?next=/enterprise');
  await signInHere(page, freshPhone());
  await page.getByLabel('统一社会信用代码').fill(uscc);
  await page.getByLabel('企业名称').fill(name);
  await page.getByLabel('法定代表人姓名').fill('张三');
  await page.getByRole('button', { name: '登记' }).click();
  await verify(browser, testInfo, MONDAY, uscc, name);
  await page.reload();
  const { colleague, phone } = await inviteColleague(page, browser, testInfo, MONDAY, uscc);

  // The colleague starts the enterprise's application and types while the network is gone: kept on the phone.
  await colleague.goto('/apply/SJ-007');
  await colleague.getByLabel(`以企业名义：${name}`).check();
  await colleague.getByRole('button', { name: '开始申请' }).click();
  await colleague.getByRole('link', { name: '申请人信息' }).click();
  await expect(colleague.locator('.drafts[data-ready]')).toBeAttached();
  await goOffline(colleague.context());
  await colleague.getByLabel('法定代表人（负责人）姓名').fill('李经办');
  const kept = async () => (await storedOnPhone(colleague, 'drafts')).filter((r) => r.page === 's/applicant').length;
  await expect.poll(kept).toBe(1);

  // Meanwhile the administrator removes them; back online, the phone's sync is refused and the copy dropped.
  await page.reload();
  await page.getByRole('button', { name: `移除 ${masked(phone)}` }).click();
  await expect(page.locator('#members li')).toHaveCount(1);
  await goOnline(colleague.context());
  await expect.poll(kept).toBe(0);
});
