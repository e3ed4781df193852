import { expect } from './fixtures';
import type { Page } from '@playwright/test';

/** A phone number no other test uses. */
export function freshPhone(): string {
  return '139' + String(Date.now() % 1e8).padStart(8, '0').slice(0, 4) + String(Math.floor(Math.random() * 1e4)).padStart(4, '0');
}

/** Reads the newest code sent to `phone` from the SMS sink (/dev/sms), in a page of its own. */
export async function codeFor(page: Page, phone: string): Promise<string> {
  const sms = await page.context().newPage();
  await sms.goto('/dev/sms');
  const body = sms.locator(`.sms-list__item[data-phone="${phone}"] .sms-list__body`).first();
  await expect(body).toContainText('验证码');
  const code = (await body.textContent())!.match(/验证码为(\d{6})/)![1];
  await sms.close();
  return code;
}

/** Signs a new citizen in with a code from the SMS sink and accepts the notice; returns their phone. */
export async function signInCitizen(page: Page): Promise<string> {
  const phone = freshPhone();
  await page.goto('/signin');
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByLabel('短信验证码').fill(await codeFor(page, phone));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('button', { name: '同意并继续' }).click();
  return phone;
}
