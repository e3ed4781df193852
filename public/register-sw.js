// Registers Palm Hall's service worker (sw.js). Plain JS, not WASM: it must work on pages without islands.
if ('serviceWorker' in navigator) {
  addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function (e) { console.warn('service worker:', e); });
  });
}
