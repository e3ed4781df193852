// Palm Hall's service worker: plain JS, no libraries, no build step (GUIDE §1; issue 3, part 4).
//
// - Pages are network first. A copy is kept of PUBLIC pages (home, guide and its items and searches, map and
//   service points, calendar), so they open offline after one visit, and of one kind of personal page: an
//   application's pages (/apply/…, issue 17), so a started application reopens offline; they are personal entries,
//   dropped at sign-out like any page that is not public. Other personal pages (/account, /bookings, /staff,
//   /admin, /track, /tickets, /windows, /dev/…, anything not listed in isPublicPage or isApplyPage) are never stored.
// - /events/* (server-sent events for the live queue pages) are left to the network.
// - /pkg/* files have hashed names and never change: cache first.
// - Offline with no copy: a navigation gets /offline.html (precached on install).
// - Only GET responses that are 200, same-origin ("basic"), not redirected and not `Cache-Control: no-store` are kept:
//   the server can keep any response out of this cache with no-store.
// - A message {type: 'clear-personal'} (sent at sign-out) deletes every entry that is not public, and public pages
//   that were rendered for a signed-in person (marked `Cache-Control: private` by the server). The reply
//   {type: 'personal-cleared', deleted} goes to the MessageChannel port sent with the message, or to the sender.
//
// Bump VERSION when this file's caching rules change: activate deletes the caches of other versions.
'use strict';

const VERSION = 'v2';
const SHELL = 'palm-shell-' + VERSION; // /offline.html and /pkg/* files
const PAGES = 'palm-pages-' + VERSION; // public HTML pages, keyed by their full URL (searches included)
const OFFLINE_URL = '/offline.html';
const MAX_PAGES = 80; // oldest visits go first
const MAX_SHELL = 40; // old hashed /pkg files of earlier releases go first

function isPublicPage(url) {
  if (url.origin !== self.location.origin) return false;
  const p = url.pathname;
  return p === '/' || p === '/guide' || p.startsWith('/guide/') || p === '/map' || p.startsWith('/map/') ||
    p === '/calendar' || p === OFFLINE_URL;
}

// An application's pages: kept while signed in (the server marks them private), dropped at sign-out.
function isApplyPage(url) {
  return url.origin === self.location.origin && url.pathname.startsWith('/apply/');
}

function isAsset(url) {
  return url.origin === self.location.origin && url.pathname.startsWith('/pkg/');
}

function isKept(url) {
  return isPublicPage(url) || isAsset(url);
}

function storable(response) {
  return !!response && response.status === 200 && response.type === 'basic' && !response.redirected &&
    !/no-store/i.test(response.headers.get('Cache-Control') || '');
}

// Keeps a copy of a response in a cache, then drops the oldest entries beyond `max` (never the offline page).
async function keep(cacheName, key, response, max) {
  const cache = await caches.open(cacheName);
  await cache.put(key, response);
  const keys = await cache.keys();
  const extra = keys.filter((r) => new URL(r.url).pathname !== OFFLINE_URL).slice(0, Math.max(0, keys.length - max));
  await Promise.all(extra.map((r) => cache.delete(r)));
}

function pageKey(url) {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    await cache.add(new Request(OFFLINE_URL, { cache: 'reload' }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const current = [SHELL, PAGES];
    for (const name of await caches.keys()) {
      if (name.startsWith('palm-') && !current.includes(name)) await caches.delete(name);
    }
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    // The page that registered this worker loaded before it existed: keep a copy of it (if public) and of the /pkg
    // files it links to (its stylesheet), so that the first visit already counts.
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    await Promise.all(windows.map((w) => new URL(w.url)).filter((u) => isPublicPage(u) || isApplyPage(u)).map(async (url) => {
      try {
        const response = await fetch(url.href, { credentials: 'same-origin' });
        if (!storable(response)) return;
        const html = await response.clone().text();
        await keep(PAGES, pageKey(url), response, MAX_PAGES);
        const assets = new Set(Array.from(html.matchAll(/(?:href|src)="(\/pkg\/[^"]+)"/g), (m) => m[1]));
        for (const path of assets) {
          const asset = await fetch(path); // immutable: usually straight from the HTTP cache
          if (storable(asset)) await keep(SHELL, new URL(path, self.location.origin).href, asset, MAX_SHELL);
        }
      } catch (e) {
        // offline right now: the next visit will keep it
      }
    }));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Live queue updates (server-sent events): always straight to the network, never stored.
  if (url.pathname.startsWith('/events/')) return;
  if (isAsset(url)) {
    event.respondWith(cacheFirst(event));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(event, url));
  } else if ((isPublicPage(url) || isApplyPage(url)) && (request.headers.get('Accept') || '').includes('text/html')) {
    event.respondWith(networkFirst(event, url));
  }
  // Anything else (server functions, /healthz, icons, the manifest, …) goes to the network untouched.
});

async function networkFirst(event, url) {
  const request = event.request;
  const isPublic = isPublicPage(url) || isApplyPage(url);
  try {
    const response = (request.mode === 'navigate' && (await event.preloadResponse)) || (await fetch(request));
    if (isPublic && storable(response)) {
      event.waitUntil(keep(PAGES, pageKey(url), response.clone(), MAX_PAGES));
    }
    return response;
  } catch (networkError) {
    if (isPublic) {
      const cached = await caches.match(pageKey(url), { cacheName: PAGES, ignoreVary: true });
      if (cached) return cached;
    }
    if (request.mode === 'navigate') {
      const offline = await caches.match(OFFLINE_URL, { cacheName: SHELL, ignoreVary: true });
      if (offline) return offline;
    }
    throw networkError;
  }
}

async function cacheFirst(event) {
  const request = event.request;
  const cached = await caches.match(request, { cacheName: SHELL, ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (storable(response)) event.waitUntil(keep(SHELL, request.url, response.clone(), MAX_SHELL));
  return response;
}

// Sign-out: drop every stored entry that is not a public page or a /pkg file, in every cache of this origin; and
// drop public pages too when they were rendered for the signed-in person (their header shows who is signed in):
// the server marks those responses `Cache-Control: private`.
async function clearPersonal() {
  let deleted = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      let drop = !isKept(new URL(request.url));
      if (!drop) {
        const stored = await cache.match(request, { ignoreVary: true });
        drop = /private/i.test((stored && stored.headers.get('Cache-Control')) || '');
      }
      if (drop && (await cache.delete(request, { ignoreVary: true }))) deleted += 1;
    }
  }
  return deleted;
}

self.addEventListener('message', (event) => {
  if (!event.data || event.data.type !== 'clear-personal') return;
  event.waitUntil(clearPersonal().then((deleted) => {
    // Answers on the MessageChannel port if one was sent, so sign-out can wait for it.
    const reply = { type: 'personal-cleared', deleted };
    if (event.ports && event.ports[0]) event.ports[0].postMessage(reply);
    else if (event.source) event.source.postMessage(reply);
  }));
});
