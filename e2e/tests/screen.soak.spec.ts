import { test, expect, staffSignIn } from './fixtures';

// The window screen runs all day on a cheap tablet (issue 19, point 5). Its own server (playwright.config.ts): the
// rating code rotates every second (PALM_RATE_ROTATE_SECS=1) on a test clock that runs from E2E_DEFAULT_CLOCK.
// 600 rotations and 20 streams cut by the server (/dev/live/drop, as a dropped network would; half of them then
// refused with 503 for a while, so the browser gives up and the island reopens): every rotation arrives over the
// live stream without a reload, the screen reconnects after every drop, and the JS heap, measured through CDP after
// garbage collection, and the WASM memory each grow by less than 2 MB between rotation 50 and rotation 600.
const ROTATIONS = 600;
const DROPS = 20;
const FIRST_DROP = 60;
const DROP_EVERY = 25;

test('the window screen rotates its rating code 600 times through 20 dropped streams without growing its memory', async ({ page }) => {
  test.setTimeout(25 * 60_000);
  await page.addInitScript(() => {
    const w = window as unknown as { wasmMemories?: WebAssembly.Memory[] };
    const note = (r: { instance?: WebAssembly.Instance } | WebAssembly.Instance) => {
      const exports = ('instance' in r && r.instance ? r.instance : (r as WebAssembly.Instance)).exports;
      const memory = exports?.memory;
      if (memory instanceof WebAssembly.Memory && !(w.wasmMemories ??= []).includes(memory)) w.wasmMemories.push(memory);
      return r;
    };
    const streaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
    const plain = WebAssembly.instantiate.bind(WebAssembly) as (...a: unknown[]) => Promise<unknown>;
    WebAssembly.instantiateStreaming = (...a: Parameters<typeof streaming>) => streaming(...a).then(note) as ReturnType<typeof streaming>;
    (WebAssembly as unknown as { instantiate: unknown }).instantiate = (...a: unknown[]) =>
      plain(...a).then((r) => note(r as WebAssembly.Instance));
  });
  await staffSignIn(page, 'admin', 'PalmHall-admin-2026');
  await page.goto('/windows/W01/screen');
  await page.getByRole('button', { name: /将本设备登记为/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('1号窗口');
  // Hydrated: the voice button appears only once the island runs.
  await expect(page.getByRole('button', { name: '开启语音播报' })).toBeVisible();
  // A mark on this document: a reload would lose it.
  await page.evaluate(() => { (window as unknown as { soak: boolean }).soak = true; });

  const code = page.getByTestId('screen-qr').locator('.qr');
  const slotOf = async () => Number(await code.getAttribute('data-slot', { timeout: 30_000 }));
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  // The island's own state lives in WASM linear memory, which the JS heap does not count (and which never shrinks):
  // the memories the page's WebAssembly instances export, noted as they are made (the init script below).
  const wasmMemory = () =>
    page.evaluate(() => ((window as unknown as { wasmMemories?: WebAssembly.Memory[] }).wasmMemories ?? []).reduce((n, m) => n + m.buffer.byteLength, 0));

  let last = await slotOf();
  let rotations = 0;
  let drops = 0;
  let heapAt50 = 0;
  let wasmAt50 = 0;
  while (rotations < ROTATIONS) {
    // The next code, from the live stream: a later slot than the one shown.
    await page.waitForFunction(
      (before) => Number(document.querySelector('[data-testid="screen-qr"] .qr')?.getAttribute('data-slot') ?? before) > before,
      last,
      { timeout: 30_000, polling: 200 },
    );
    const slot = await slotOf();
    expect(slot).toBeGreaterThan(last);
    expect(await code.getAttribute('data-url')).toMatch(new RegExp(`/rate/w/W01\\?t=[0-9a-f]{24}$`));
    rotations += 1;
    last = slot;
    if (rotations === 50) {
      heapAt50 = await heap();
      wasmAt50 = await wasmMemory();
      expect(wasmAt50).toBeGreaterThan(0);
    }
    if (rotations >= FIRST_DROP && drops < DROPS && (rotations - FIRST_DROP) % DROP_EVERY === 0) {
      // Cut every open stream; the next rotation can only come over a new one. Every other time the server answers
      // the reconnection with 503 for a few seconds (a proxy while the server restarts): the browser gives up on
      // that stream and the island opens a new one.
      const refuse = drops % 2 === 1;
      let refused = 0;
      if (refuse) {
        await page.route('**/events/**', (route) => {
          refused += 1;
          return route.fulfill({ status: 503, body: 'restarting' });
        });
      }
      const r = await page.request.post('/dev/live/drop');
      expect(r.status()).toBe(200);
      if (refuse) {
        // Refused twice: the browser's own reconnection, then the stream the island opened after the browser gave up.
        await expect.poll(() => refused, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
        await page.unroute('**/events/**');
      }
      drops += 1;
    }
  }
  const heapAt600 = await heap();
  const wasmAt600 = await wasmMemory();
  expect(drops).toBe(DROPS);
  // Never reloaded: every code came over the stream.
  expect(await page.evaluate(() => (window as unknown as { soak?: boolean }).soak)).toBe(true);
  await expect(page.getByTestId('screen-qr').getByRole('status')).toHaveCount(0);
  const growth = heapAt600 - heapAt50;
  console.log(`screen soak: JS heap ${heapAt50} B at rotation 50, ${heapAt600} B at ${ROTATIONS} (${growth} B); WASM memory ${wasmAt50} B, ${wasmAt600} B`);
  expect(growth).toBeLessThan(2 * 1024 * 1024);
  expect(wasmAt600 - wasmAt50).toBeLessThan(2 * 1024 * 1024);
});

test('a screen cut off from the server hides its code before the code stops working, and shows a new one when back', async ({ page }) => {
  // The screen's own clock (the browser's timers and Date) under the test's control.
  await page.clock.install();
  await staffSignIn(page, 'admin', 'PalmHall-admin-2026');
  await page.goto('/windows/W02/screen');
  await page.getByRole('button', { name: /将本设备登记为/ }).click();
  await expect(page.getByRole('button', { name: '开启语音播报' })).toBeVisible();
  const code = page.getByTestId('screen-qr').locator('.qr');
  await expect(code.locator('svg')).toBeVisible();
  // The stream is open: a code newer than the page's own has arrived over it (else the cut below could miss it).
  const first = Number(await code.getAttribute('data-slot'));
  await expect.poll(async () => Number(await code.getAttribute('data-slot')), { timeout: 15_000 }).toBeGreaterThan(first);
  // The network goes: the stream is cut and cannot come back.
  await page.route('**/events/**', (r) => r.abort('internetdisconnected'));
  expect((await page.request.post('/dev/live/drop')).status()).toBe(200);
  // Within its time the code stays (it still works) ...
  await page.clock.fastForward('04:00');
  await expect(code.locator('svg')).toBeVisible();
  // ... and is gone before the server would refuse it (accepted 300 s from its slot's start; 1 s rotation).
  await page.clock.fastForward('01:00');
  await expect(code).toHaveCount(0);
  await expect(page.getByTestId('screen-qr').getByRole('status')).toHaveText('网络中断，评价二维码暂停显示，恢复后自动更新');
  // The network comes back: the browser reconnects by itself and the current code shows.
  await page.unroute('**/events/**');
  await expect(code.locator('svg')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('screen-qr').getByRole('status')).toHaveCount(0);
});
