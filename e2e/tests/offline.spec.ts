import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { Page } from '@playwright/test';
import { test, expect } from './fixtures';

// The phone shell (issue 3, part 4): public pages open offline after one visit, the rest get the offline page.
//
// How the network "fails": each offline journey starts its own server (scripts/e2e-server.sh on a free port, its own
// fresh database), visits pages, then stops that server for real, so every request, the service worker's own fetches
// included, meets a refused connection. Measured in this Chromium: `context.route('**/*', r => r.abort())` does NOT
// intercept the service worker's fetches (an unvisited page still came from the network through the worker), so
// aborting routes would prove nothing here; stopping the server cannot be bypassed.

const ITEM = '个体工商户营业执照设立登记'; // SJ-001
const OFFLINE = '当前无网络连接';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Starts a second server of the built binary; `stop()` ends it and resolves once it has exited. */
async function startOwnServer() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(path.resolve(__dirname, '../../scripts/e2e-server.sh'), [], {
    env: { ...process.env, LEPTOS_SITE_ADDR: `127.0.0.1:${port}` },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await expect.poll(() => answers(`${url}/healthz`), { timeout: 30_000, message: 'own server answers /healthz' }).toBe(true);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, stop };
}

/** Every URL stored in the origin's caches, as path + query. */
async function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) {
        const u = new URL(request.url);
        urls.push(decodeURIComponent(u.pathname + u.search));
      }
    }
    return urls;
  });
}

test('public pages open offline after one visit; others show the offline page', async ({ page, context, expectAccessible }, testInfo) => {
  if (testInfo.project.name === 'nojs') {
    // Without JavaScript no service worker registers, so nothing is kept on the phone; the offline page is still an
    // ordinary page the server serves, and its links lead back into the guide.
    await page.goto('/guide/SJ-001');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ITEM);
    expect(context.serviceWorkers()).toHaveLength(0);
    const res = await page.goto('/offline.html');
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toMatch(/^text\/html/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(OFFLINE);
    await page.getByRole('link', { name: '办事指南' }).click();
    await expect(page).toHaveURL(/\/guide$/);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(OFFLINE);
    expect(context.serviceWorkers()).toHaveLength(0);
    return;
  }

  test.setTimeout(90_000); // a server of its own starts (and seeds its demo county) inside this test
  const server = await startOwnServer();
  try {
    const at = (p: string) => `${server.url}${p}`;

    // Online: open an item. register-sw.js (in every page's head) installs the worker; wait until it controls the
    // page, reloading until it does.
    await page.goto(at('/guide/SJ-001'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ITEM);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await expect.poll(async () => {
      await page.reload();
      return page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none');
    }, { message: 'the service worker controls the page', timeout: 15_000 }).toBe('activated');
    expect(context.serviceWorkers()).toHaveLength(1);

    // Online: search as a person would; the results page is kept under its full URL.
    await page.goto(at('/guide'));
    await page.getByLabel('搜索办事事项').fill('营业执照');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('“营业执照”的搜索结果');
    const searchUrl = page.url();
    const searchKey = decodeURIComponent(new URL(searchUrl).pathname + new URL(searchUrl).search);
    // The map with a village chosen.
    await page.goto(at('/map?village=530127102202'));
    await expect(page.getByRole('img', { name: /已标出李官村/ })).toBeVisible();
    // A development page (like any personal page) is served online but never stored.
    await page.goto(at('/dev/gallery'));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect.poll(() => cachedUrls(page)).toEqual(expect.arrayContaining(['/guide/SJ-001', '/guide', searchKey, '/map?village=530127102202', '/offline.html']));
    const stored = await cachedUrls(page);
    expect(stored.some((u) => u.startsWith('/pkg/') && u.endsWith('.css'))).toBe(true);
    expect(stored.filter((u) => u.startsWith('/dev'))).toEqual([]);

    // Stop serving, for real.
    await server.stop();
    expect(await answers(at('/healthz'))).toBe(false);

    // The item opens from the phone, styled (its stylesheet came from the cache too).
    await page.goto(at('/guide/SJ-001'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ITEM);
    await expect(page.getByRole('heading', { name: '申请材料' })).toBeVisible();
    await expect(page.locator('.site-header')).toHaveCSS('background-color', 'rgb(11, 83, 148)');

    // So does the search that was made online, with its results.
    await page.goto(searchUrl);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('“营业执照”的搜索结果');
    await expect(page.getByRole('link', { name: ITEM })).toBeVisible();

    // The map opens offline, drawn, with the village's zone.
    await page.goto(at('/map?village=530127102202'));
    await expect(page.getByRole('img', { name: /已标出李官村/ })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('李官村（小街镇）在李官村便民服务站的15分钟政务圈内');

    // A page never visited, and a page that is never stored, show the offline page at their own address.
    await page.goto(at('/map/points/530127'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(OFFLINE);
    await expect(page).toHaveURL(at('/map/points/530127'));
    await expect(page.getByRole('link', { name: '办事指南' })).toHaveAttribute('href', '/guide');
    await expectAccessible();
    await page.goto(at('/dev/gallery'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(OFFLINE);

    // From the offline page, 办事指南 opens /guide, kept from the visit above.
    await page.getByRole('link', { name: '办事指南' }).click();
    await expect(page).toHaveURL(at('/guide'));
    await expect(page.getByLabel('搜索办事事项')).toBeVisible();
  } finally {
    await server.stop();
  }
});

test('sign-out clears personal entries from the phone and keeps the public ones', async ({ page, context }, testInfo) => {
  if (testInfo.project.name === 'nojs') {
    // Without JavaScript there is no service worker and so no cache to clear: nothing is left behind.
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(context.serviceWorkers()).toHaveLength(0);
    return;
  }
  await page.goto('/guide/SJ-001');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await expect.poll(async () => {
    await page.reload();
    return page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none');
  }, { timeout: 15_000 }).toBe('activated');
  await expect.poll(() => cachedUrls(page)).toContain('/guide/SJ-001');

  // Something personal found its way into the phone's caches (the worker itself never stores one; a future feature
  // or an older version might): sign-out's message removes it.
  await page.evaluate(async () => {
    const name = (await caches.keys()).find((n) => n.startsWith('palm-pages-'))!;
    await (await caches.open(name)).put('/bookings/B-123', new Response('<h1>我的预约</h1>', { headers: { 'Content-Type': 'text/html' } }));
    await (await caches.open('palm-other')).put('/account', new Response('138****5678'));
    // A public page rendered for a signed-in person (its header names them): the server marks it private.
    await (await caches.open(name)).put('/calendar', new Response('<a href="/account">我的（5678）</a>', {
      headers: { 'Content-Type': 'text/html', 'Cache-Control': 'private' },
    }));
  });
  expect(await cachedUrls(page)).toEqual(expect.arrayContaining(['/bookings/B-123', '/account', '/calendar']));

  const reply = await page.evaluate(() => new Promise<{ type: string; deleted: number }>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(e.data);
    navigator.serviceWorker.controller!.postMessage({ type: 'clear-personal' }, [channel.port2]);
  }));
  expect(reply).toEqual({ type: 'personal-cleared', deleted: 3 });
  const left = await cachedUrls(page);
  expect(left).not.toContain('/bookings/B-123');
  expect(left).not.toContain('/account');
  expect(left).not.toContain('/calendar');
  expect(left).toEqual(expect.arrayContaining(['/guide/SJ-001', '/offline.html']));
});

test('the offline page is accessible and leads back to the guide', async ({ page, expectAccessible }) => {
  await page.goto('/offline.html');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(OFFLINE);
  await expect(page.getByRole('main')).toContainText('办事指南、事项、服务网点');
  await expect(page.getByRole('link', { name: '首页' })).toHaveAttribute('href', '/');
  await expect(page.getByRole('link', { name: '重试' })).toBeVisible();
  await expectAccessible();
  await page.getByRole('link', { name: '办事指南' }).click();
  await expect(page).toHaveURL(/\/guide$/);
  await expect(page.getByLabel('搜索办事事项')).toBeVisible();
});

test('the phone shell: manifest, icons and service worker are served as an installable app needs', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await expect(page.locator('script[src="/register-sw.js"]')).toHaveAttribute('defer', '');

  const res = await request.get('/manifest.webmanifest');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  const manifest = await res.json();
  expect(manifest).toMatchObject({
    name: '嵩明县掌上办事大厅', short_name: '掌上办事', lang: 'zh-CN', start_url: '/', display: 'standalone',
    theme_color: '#0b5394', background_color: '#ffffff',
  });
  const icons = [
    ...manifest.icons,
    { src: await page.locator('link[rel="apple-touch-icon"]').getAttribute('href'), sizes: '180x180' },
    { src: await page.locator('link[rel="icon"]').getAttribute('href'), sizes: '32x32' },
  ];
  expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(
    expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of icons) {
    const png = await request.get(icon.src);
    expect(png.status(), icon.src).toBe(200);
    expect(png.headers()['content-type']).toBe('image/png');
    const bytes = await png.body();
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    expect(bytes.length).toBeLessThan(8_000);
  }

  for (const script of ['/sw.js', '/register-sw.js']) {
    const js = await request.get(script);
    expect(js.status()).toBe(200);
    expect(js.headers()['content-type']).toMatch(/javascript/);
    // The worker must be revalidated, never kept as immutable like /pkg files.
    expect(js.headers()['cache-control'] ?? '').not.toMatch(/immutable|max-age=[1-9]/);
  }
  expect(await (await request.get('/sw.js')).text()).toContain("'clear-personal'");
});
